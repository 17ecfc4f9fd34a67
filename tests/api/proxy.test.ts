import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/src/config';
import { seedDemoCampaign } from '../../server/src/features/demo/seed-demo-campaign';
import { ORIGIN, createCollaboration, createVarnamoBoundary } from '../support/fixtures';
import { createTestApp, type TestApp } from '../support/test-app';
import { useWorld } from '../support/use-world';

const url = '/api/public/campaigns/demo/responses';
const PROXY = '10.0.0.2';
const answer = { locale: 'sv', answers: { safety_evening: 'fairly_unsafe' }, pins: [] };

/** The app as an operator configures it: TRUST_PROXY read by loadConfig, a limit of 3 a minute. */
async function appTrusting(trustProxy: string): Promise<TestApp> {
  const t = await createTestApp({ trustProxy: loadConfig({ TRUST_PROXY: trustProxy }).trustProxy, submissionRateLimit: 3 });
  const c = await createCollaboration(t.app, 'proxy');
  await createVarnamoBoundary(t.app, c);
  await seedDemoCampaign(t.app.db, c.id);
  return t;
}

function submit(t: TestApp, remoteAddress: string, forwardedFor?: string) {
  const forwarded = forwardedFor === undefined ? {} : { 'x-forwarded-for': forwardedFor };
  return t.app.inject({
    method: 'POST',
    url,
    remoteAddress,
    headers: { 'idempotency-key': randomUUID(), origin: ORIGIN, ...forwarded },
    payload: answer,
  });
}

/** A spoofed leftmost X-Forwarded-For, different on every request. */
const spoofed = (i: number) => `192.0.2.${i + 1}`;

// No ORIGIN: also the development CSRF check's world.
const oneHop = useWorld(async () => ({ t: await appTrusting('1') }));

describe('TRUST_PROXY=1 (one proxy in front)', () => {
  const world = oneHop;

  it('keys the submission limit on the address the proxy saw, whatever the client writes to the left of it', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await submit(world.t, PROXY, `${spoofed(i)}, 198.51.100.7`)).statusCode);
    expect(statuses).toEqual([201, 201, 201, 429, 429]);
    // Another resident behind the same proxy has a limit of their own (the proxy is not the key).
    expect((await submit(world.t, PROXY, '198.51.100.8')).statusCode).toBe(201);
  });

  it('keys the login limit the same way', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 35; i++) {
      const res = await world.t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        remoteAddress: PROXY,
        headers: { origin: ORIGIN, 'x-forwarded-for': `${spoofed(i)}, 198.51.100.20` },
        payload: { email: `guess${i}@proxy.test`, password: 'guessing-password' },
      });
      statuses.push(res.statusCode);
    }
    expect(statuses).toContain(429);
  });
});

describe("the page server's own calls (form actions, over loopback)", () => {
  const world = oneHop;
  const loginFromPageServer = (i: number, token: string) =>
    world.t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      remoteAddress: '127.0.0.1',
      headers: { origin: ORIGIN, 'x-lagesbild-client': `198.51.100.${100 + i}`, 'x-lagesbild-internal': token },
      payload: { email: `form${i}@proxy.test`, password: 'guessing-password' },
    });

  it('key the login limit on the browser address they forward, so form logins do not share one key', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 35; i++) statuses.push((await loginFromPageServer(i, world.t.app.config.internalToken)).statusCode);
    expect(statuses).not.toContain(429);
  });

  it('are believed only with the internal token', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 35; i++) statuses.push((await loginFromPageServer(i, 'a-guessed-token')).statusCode);
    expect(statuses).toContain(429);
  });
});

describe('the CSRF origin without ORIGIN (development)', () => {
  const world = oneHop;
  const login = (headers: Record<string, string>) =>
    world.t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      remoteAddress: '198.51.100.200',
      headers,
      payload: { email: 'nobody@proxy.test', password: 'whatever-password' },
    });

  it('is the origin the process listens on, not one a forged Host header names', async () => {
    const forged = await login({ host: 'evil.example', origin: 'http://evil.example' });
    expect(forged.statusCode).toBe(403);
    expect(forged.json().error).toBe('CROSS_ORIGIN');
    // testConfig listens on localhost:3000: that origin passes the check (and the login fails).
    expect((await login({ host: 'evil.example', origin: 'http://localhost:3000' })).statusCode).toBe(401);
    expect((await login({ origin: 'http://127.0.0.1:3000' })).statusCode).toBe(401);
  });
});

describe('TRUST_PROXY as addresses', () => {
  const world = useWorld(async () => ({ t: await appTrusting('10.0.0.0/8') }));

  it('skips every trusted proxy from the right and keys on the first address none of them wrote', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await submit(world.t, PROXY, `${spoofed(i)}, 198.51.100.9, 10.0.0.5`)).statusCode);
    expect(statuses).toEqual([201, 201, 201, 429]);
  });

  it('believes no X-Forwarded-For from a client that is not a listed proxy', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await submit(world.t, '203.0.113.50', spoofed(i))).statusCode);
    expect(statuses).toEqual([201, 201, 201, 429]);
  });
});

describe('the CSRF origin with ORIGIN', () => {
  const world = useWorld(async () => ({ t: await createTestApp({ origin: 'https://lagesbild.kommun.example' }) }));
  const login = (origin: string) =>
    world.t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { origin },
      payload: { email: 'nobody@proxy.test', password: 'whatever-password' },
    });

  it('is ORIGIN alone', async () => {
    expect((await login('https://lagesbild.kommun.example')).statusCode).toBe(401);
    expect((await login('http://localhost:3000')).statusCode).toBe(403);
  });

  it('(with no proxy trusted) turns on no HSTS for a client that claims https', async () => {
    const res = await world.t.app.inject({ method: 'GET', url: '/api/health', headers: { 'x-forwarded-proto': 'https' } });
    expect(res.headers['strict-transport-security']).toBeUndefined();
  });
});

describe('HSTS on API answers', () => {
  const health = (t: TestApp, headers: Record<string, string>) =>
    t.app.inject({ method: 'GET', url: '/api/health', remoteAddress: PROXY, headers });

  it('is sent over https behind a trusted proxy, with nosniff', async () => {
    const res = await health(oneHop.t, { 'x-forwarded-proto': 'https' });
    expect(res.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });

  it('is not sent on plain http', async () => {
    expect((await health(oneHop.t, {})).headers['strict-transport-security']).toBeUndefined();
    expect((await health(oneHop.t, { 'x-forwarded-proto': 'http' })).headers['strict-transport-security']).toBeUndefined();
  });
});
