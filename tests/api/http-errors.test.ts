import { connect } from 'node:net';
import { describe, expect, it } from 'vitest';
import { ORIGIN } from '../support/fixtures';
import { startServer } from '../support/server-process';
import { createTestApp } from '../support/test-app';
import { useWorld } from '../support/use-world';

/** Status codes and bodies of errors answered before any route runs, in the documented format. */
const world = useWorld(async () => {
  // It listens on a port of its own: name ORIGIN as this site's origin, as production does.
  const t = await createTestApp({ origin: ORIGIN });
  const address = await t.app.listen({ port: 0, host: '127.0.0.1' });
  return { t, port: Number(new URL(address).port) };
});

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];

/** Whether a route pattern (`/api/walks/:id`) takes a concrete path (`/api/walks/x`). */
const takes = (pattern: string, path: string) => {
  const want = pattern.split('/');
  const got = path.split('/');
  return want.length === got.length && want.every((segment, i) => segment.startsWith(':') || segment === got[i]);
};

describe('a method a path does not have', () => {
  it('is 405 with Allow naming the methods it has, for every path in the route table', async () => {
    const table = world.t.app.routeTable.flatMap((r) => ([] as string[]).concat(r.method).map((method) => ({ method, url: r.url })));
    const paths = [...new Set(table.map((r) => r.url.replace(/:\w+/g, 'x')))];
    const failures: string[] = [];
    let refused = 0;
    for (const path of paths) {
      const has = new Set(table.filter((r) => takes(r.url, path)).map((r) => r.method));
      const allow = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'].filter((m) => has.has(m) || (m === 'HEAD' && has.has('GET')));
      for (const method of METHODS.filter((m) => !has.has(m))) {
        const res = await world.t.app.inject({ method: method as 'GET', url: `${path}?a=1`, headers: { origin: ORIGIN } });
        refused++;
        const body = res.json();
        if (res.statusCode !== 405 || res.headers.allow !== allow.join(', ') || body.error !== 'METHOD_NOT_ALLOWED') {
          failures.push(`${method} ${path}: ${res.statusCode} allow=${String(res.headers.allow)} ${res.body}`);
        }
      }
    }
    expect(failures).toEqual([]);
    expect(refused).toBeGreaterThan(100);
  });
});

/** Sends raw bytes and reads the whole answer (the server closes or we stop after the body). */
function rawRequest(port: number, request: string | Buffer): Promise<{ status: number; headers: string; body: string }> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let received = '';
    const finish = () => {
      const [head = '', body = ''] = received.split('\r\n\r\n');
      resolve({ status: Number(head.split(' ')[1]), headers: head.toLowerCase(), body });
    };
    socket.on('data', (chunk) => {
      received += chunk.toString('utf8');
      const [head, body] = received.split('\r\n\r\n');
      const length = /content-length: (\d+)/i.exec(head ?? '')?.[1];
      if (body !== undefined && length !== undefined && Buffer.byteLength(body) >= Number(length)) {
        socket.destroy();
        finish();
      }
    });
    // The server may close while we are still writing (it refused early): that is an answer too.
    socket.on('error', (error: NodeJS.ErrnoException) => (received ? finish() : reject(error)));
    socket.on('close', () => finish());
    socket.write(request);
  });
}

const LONG = 'x'.repeat(20_000);

describe('errors answered before any route, over a real connection', () => {
  const bigLogin = JSON.stringify({ email: 'a@b.se', password: 'x'.repeat(100_000) });
  it.each([
    [
      'a body over the limit',
      413,
      'BODY_TOO_LARGE',
      `POST /api/auth/login HTTP/1.1\r\nHost: localhost\r\nOrigin: ${ORIGIN}\r\nContent-Type: application/json\r\n` +
        `Content-Length: ${bigLogin.length}\r\n\r\n${bigLogin}`,
    ],
    [
      'a path segment over 100 characters',
      414,
      'URI_TOO_LONG',
      `GET /api/snapshots/${'a'.repeat(200)} HTTP/1.1\r\nHost: localhost\r\n\r\n`,
    ],
    ['a URL over the header limit', 414, 'URI_TOO_LONG', `GET /api/health?q=${LONG} HTTP/1.1\r\nHost: localhost\r\n\r\n`],
    ['headers over the limit', 431, 'HEADERS_TOO_LARGE', `GET /api/health HTTP/1.1\r\nHost: localhost\r\nX-Big: ${LONG}\r\n\r\n`],
    ['something that is not HTTP', 400, 'BAD_REQUEST', 'HELLO THERE\r\n\r\n'],
  ])('%s → %i %s', async (_what, status, code, request) => {
    const res = await rawRequest(world.port, request);
    expect(res.status, res.headers + res.body).toBe(status);
    expect(res.headers).toMatch(/content-type: application\/json/);
    // The documented ErrorBody: a code and a message, nothing of Fastify's own (statusCode, code).
    expect(JSON.parse(res.body)).toEqual({ error: code, message: expect.any(String) });
  });

  it('answers the same from the server as `pnpm start` runs it', async () => {
    const server = await startServer({ DATA_DIR: 'memory://', DEMO_DATA: 'false' });
    try {
      const port = Number(new URL(server.baseUrl).port);
      const headers = await rawRequest(port, `GET /api/health HTTP/1.1\r\nHost: localhost\r\nX-Big: ${LONG}\r\n\r\n`);
      expect([headers.status, JSON.parse(headers.body).error]).toEqual([431, 'HEADERS_TOO_LARGE']);
      const url = await rawRequest(port, `GET /api/health?q=${LONG} HTTP/1.1\r\nHost: localhost\r\n\r\n`);
      expect([url.status, JSON.parse(url.body).error]).toEqual([414, 'URI_TOO_LONG']);
      const method = await fetch(`${server.baseUrl}/api/health`, { method: 'DELETE', headers: { origin: server.baseUrl } });
      expect([method.status, method.headers.get('allow')]).toEqual([405, 'GET, HEAD']);
    } finally {
      await server.stop();
    }
  }, 120_000);
});
