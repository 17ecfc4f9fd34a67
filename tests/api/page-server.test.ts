import type { AddressInfo } from 'node:net';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import type { AppConfig } from '../../server/src/config';
import { serverFactoryWith } from '../../server/src/web-handler';
import { testConfig } from '../support/test-app';

/** A stand-in for the SvelteKit handler that answers with what it was given. */
function echoKit(req: IncomingMessage, res: ServerResponse): void {
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ client: req.headers['x-lagesbild-client'] }));
}

let close: (() => Promise<void>) | undefined;
afterEach(async () => close?.());

/** The one-port server main.ts runs, with `echoKit` behind it, on a free loopback port. */
async function pageServer(overrides: Partial<AppConfig>): Promise<string> {
  const server = serverFactoryWith(echoKit, testConfig(overrides))((_req, res) => res.end('api'));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  close = () => new Promise((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe('the page server', () => {
  it('hands SvelteKit the client address under the same TRUST_PROXY rule as the API', async () => {
    const base = await pageServer({ trustProxy: 1 });
    const res = await fetch(`${base}/login`, {
      headers: { 'x-forwarded-for': '192.0.2.1, 198.51.100.30', 'x-lagesbild-client': '192.0.2.99' },
    });
    expect(await res.json()).toEqual({ client: '198.51.100.30' });
  });

  it('overwrites an address the client wrote itself when no proxy is trusted', async () => {
    const base = await pageServer({ trustProxy: false });
    const res = await fetch(`${base}/login`, { headers: { 'x-forwarded-for': '192.0.2.1', 'x-lagesbild-client': '192.0.2.99' } });
    expect(await res.json()).toEqual({ client: '127.0.0.1' });
  });
});
