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

type Kit = (req: IncomingMessage, res: ServerResponse) => void;

/** The one-port server main.ts runs, with `kit` standing in for SvelteKit, on a free loopback port. */
async function pageServer(overrides: Partial<AppConfig>, kit: Kit = echoKit): Promise<string> {
  const server = serverFactoryWith(kit, testConfig(overrides))((_req, res) => res.end('api'));
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

describe('page and asset headers', () => {
  /** Answers like sirv serving a static file: its own writeHead, no SvelteKit hooks. */
  const asset: Kit = (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/css' });
    res.end('body{}');
  };

  const assetServer = (overrides: Partial<AppConfig>) => pageServer(overrides, asset);

  it('sends nosniff on static assets', async () => {
    const res = await fetch(`${await assetServer({})}/_app/immutable/assets/app.css`);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('sends HSTS over https behind a trusted proxy, and not on plain http', async () => {
    const base = await assetServer({ trustProxy: 1 });
    const https = await fetch(`${base}/`, { headers: { 'x-forwarded-proto': 'https' } });
    expect(https.headers.get('strict-transport-security')).toBe('max-age=31536000; includeSubDomains');
    expect((await fetch(`${base}/`)).headers.get('strict-transport-security')).toBeNull();
  });

  it('believes X-Forwarded-Proto only from a trusted proxy', async () => {
    const base = await assetServer({ trustProxy: ['10.0.0.0/8'] });
    const res = await fetch(`${base}/`, { headers: { 'x-forwarded-proto': 'https' } });
    expect(res.headers.get('strict-transport-security')).toBeNull();
  });
});
