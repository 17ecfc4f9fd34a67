import { describe, expect, it } from 'vitest';
import { LOGIN_LIMITS, accountKeyOf, clientNetwork } from '../../server/src/features/auth/login-throttle';
import { ORIGIN, PASSWORD, createCollaboration, createUser, loginAs } from '../support/fixtures';
import { createTestApp } from '../support/test-app';
import { useWorld } from '../support/use-world';

const world = useWorld(async () => {
  const t = await createTestApp();
  const collab = await createCollaboration(t.app, 'throttle');
  const names = ['admin', 'target', 'slow', 'typo', 'audited', 'locked', 'official'] as const;
  const ids = {} as Record<(typeof names)[number], string>;
  for (const name of names) {
    ids[name] = await createUser(t.app, collab, { email: `${name}@throttle.test`, role: name === 'admin' ? 'admin' : 'official' });
  }
  const other = await createCollaboration(t.app, 'throttle-other');
  await createUser(t.app, other, { email: 'admin@other-throttle.test', role: 'admin' });
  const cookies = {
    admin: await loginAs(t.app, 'admin@throttle.test'),
    official: await loginAs(t.app, 'official@throttle.test'),
    otherAdmin: await loginAs(t.app, 'admin@other-throttle.test'),
  };
  return { t, collab, ids, cookies };
});

const login = (email: string, remoteAddress: string, password = 'a wrong password') =>
  world.t.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    headers: { origin: ORIGIN },
    remoteAddress,
    payload: { email, password },
  });

const accountKey = (email: string) => accountKeyOf(world.t.app.config.sessionSecret, email);

/** Moves the end of every wait on this account to `seconds` from now (negative: passed). */
const setWaits = (email: string, seconds: number) =>
  world.t.app.db
    .updateTable('login_throttle')
    .set({ retry_at: new Date(Date.now() + seconds * 1000) })
    .where('account_key', '=', accountKey(email))
    .execute();
const letWaitsPass = (email: string) => setWaits(email, -1);

/** The wait each client of this account was given at its last attempt, in seconds (no clock involved). */
async function waitsGiven(email: string): Promise<number[]> {
  const rows = await world.t.app.db
    .selectFrom('login_throttle')
    .select(['last_attempt_at', 'retry_at'])
    .where('account_key', '=', accountKey(email))
    .execute();
  return rows.map((r) => Math.round((r.retry_at.getTime() - r.last_attempt_at.getTime()) / 1000));
}

describe('a stranger cannot lock anyone out', () => {
  it('50 wrong passwords from rotating clients do not keep the right one out from a clean client', async () => {
    for (let i = 0; i < 50; i++) expect([401, 429]).toContain((await login('target@throttle.test', `10.9.${i >> 4}.${i}`)).statusCode);
    const right = await login('target@throttle.test', '192.0.2.10', PASSWORD);
    expect(right.statusCode).toBe(200);
  });

  it('slows the failing client progressively, and only it', async () => {
    const attacker = '10.1.1.1';
    for (let i = 0; i < LOGIN_LIMITS.pair.freeFailures; i++) expect((await login('slow@throttle.test', attacker)).statusCode).toBe(401);
    expect(await waitsGiven('slow@throttle.test')).toEqual([1]);
    // Waiting (held at a minute here, so a slow machine cannot outlast it), even the right
    // password is refused to that client, and the answer says for how long.
    await setWaits('slow@throttle.test', 60);
    const refused = await login('slow@throttle.test', attacker, PASSWORD);
    expect(refused.statusCode).toBe(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(50);
    expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(60);
    // Another client is not affected at all.
    expect((await login('slow@throttle.test', '10.2.2.2', PASSWORD)).statusCode).toBe(200);

    // Each further failure doubles the wait.
    const waits: number[] = [];
    for (let i = 0; i < 4; i++) {
      await letWaitsPass('slow@throttle.test');
      expect((await login('slow@throttle.test', attacker)).statusCode).toBe(401);
      waits.push(...(await waitsGiven('slow@throttle.test')));
    }
    expect(waits).toEqual([2, 4, 8, 16]);
  });

  it('a successful login forgets that client’s earlier typos', async () => {
    const me = '10.3.3.3';
    for (let i = 0; i < LOGIN_LIMITS.pair.freeFailures - 1; i++) expect((await login('typo@throttle.test', me)).statusCode).toBe(401);
    expect((await login('typo@throttle.test', me, PASSWORD)).statusCode).toBe(200);
    for (let i = 0; i < LOGIN_LIMITS.pair.freeFailures; i++) expect((await login('typo@throttle.test', me)).statusCode).toBe(401);
  });

  it('under a distributed attack every failing client waits after one failure, a clean one never', async () => {
    const clients = Array.from({ length: LOGIN_LIMITS.underAttack.failures }, (_, i) => `10.4.0.${i + 1}`);
    for (const client of clients) expect((await login('audited@throttle.test', client)).statusCode).toBe(401);
    const next = await login('audited@throttle.test', '10.4.1.1');
    expect(next.statusCode).toBe(401);
    expect(Math.max(...(await waitsGiven('audited@throttle.test')))).toBe(LOGIN_LIMITS.underAttack.baseWaitSeconds);
    const again = await login('audited@throttle.test', '10.4.1.1', PASSWORD);
    expect(again.statusCode).toBe(429);
    expect(Number(again.headers['retry-after'])).toBeGreaterThan(50);
    expect((await login('audited@throttle.test', '10.4.2.2', PASSWORD)).statusCode).toBe(200);
  });

  it('puts throttling in the audit log, without addresses', async () => {
    const rows = await world.t.app.db
      .selectFrom('audit_log')
      .select(['action', 'target_id', 'details'])
      .where('action', 'in', ['login.throttled', 'login.slowed'])
      .execute();
    expect(rows).toContainEqual({ action: 'login.throttled', target_id: world.ids.slow, details: { failures: 5 } });
    expect(rows).toContainEqual({ action: 'login.slowed', target_id: world.ids.audited, details: { failures: 20 } });
    expect(JSON.stringify(rows)).not.toMatch(/\b10\.\d+\.\d+\.\d+|@/);
  });
});

describe('the per-client limit', () => {
  it('limits one client trying many accounts', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 35; i++) statuses.push((await login(`guess${i}@throttle.test`, '10.7.7.7')).statusCode);
    expect(statuses.filter((s) => s === 429).length).toBe(5);
  });

  it('counts an IPv6 client by its /64, which it can rotate through freely', () => {
    expect(clientNetwork('2001:db8:1:2:aaaa::1')).toBe(clientNetwork('2001:db8:1:2:ffff:1:2:3'));
    expect(clientNetwork('2001:db8:1:2::1')).toBe('2001:db8:1:2::/64');
    expect(clientNetwork('2001:db8:1:3::1')).not.toBe(clientNetwork('2001:db8:1:2::1'));
    expect(clientNetwork('::ffff:192.0.2.1')).toBe('192.0.2.1');
    expect(clientNetwork('192.0.2.1')).toBe('192.0.2.1');
    expect(clientNetwork('::1')).toBe('0:0:0:0::/64');
  });

  it('keeps no client address or e-mail in the database', async () => {
    const counters = await world.t.app.db.selectFrom('rate_limit_counter').select('key').execute();
    const throttles = await world.t.app.db.selectFrom('login_throttle').select(['account_key', 'client_key']).execute();
    expect(throttles.length).toBeGreaterThan(0);
    expect(JSON.stringify([counters, throttles])).not.toMatch(/\b10\.\d+\.\d+\.\d+|@/);
  });
});

describe('admins see and lift throttles', () => {
  const throttles = (cookie?: string) =>
    world.t.app.inject({ method: 'GET', url: '/api/users/login-throttles', headers: cookie ? { cookie } : {} });
  const lift = (userId: string, cookie?: string) =>
    world.t.app.inject({
      method: 'DELETE',
      url: `/api/users/${userId}/login-throttle`,
      headers: { origin: ORIGIN, ...(cookie ? { cookie } : {}) },
      payload: {},
    });
  const attacker = '10.5.5.5';

  it('shows an admin which accounts are throttled, by counts only', async () => {
    for (let i = 0; i < LOGIN_LIMITS.pair.freeFailures; i++) await login('locked@throttle.test', attacker);
    await setWaits('locked@throttle.test', 600);
    const res = await throttles(world.cookies.admin);
    expect(res.statusCode).toBe(200);
    const locked = res.json().throttles.find((x: { userId: string }) => x.userId === world.ids.locked);
    expect(locked).toMatchObject({ displayName: 'locked', clients: 1, failures: 5, waitingClients: 1, underAttack: false });
    expect(Date.parse(locked.waitsUntil)).toBeGreaterThan(Date.now() + 500_000);
    const keys = await world.t.app.db.selectFrom('login_throttle').select('client_key').execute();
    for (const { client_key } of keys) expect(res.body).not.toContain(client_key);
    expect(res.body).not.toMatch(/\b10\.5\.5\.5\b/);
  });

  it('answers anonymous 401, other roles 403, and another collaboration nothing of ours', async () => {
    expect((await throttles()).statusCode).toBe(401);
    expect((await throttles(world.cookies.official)).statusCode).toBe(403);
    expect((await lift(world.ids.locked)).statusCode).toBe(401);
    expect((await lift(world.ids.locked, world.cookies.official)).statusCode).toBe(403);
    const theirs = await throttles(world.cookies.otherAdmin);
    expect(theirs.statusCode).toBe(200);
    expect(theirs.body).not.toContain(world.ids.locked);
    const refused = await lift(world.ids.locked, world.cookies.otherAdmin);
    expect(refused.statusCode).toBe(404);
    expect(refused.json().error).toBe('USER_NOT_FOUND');
    expect((await login('locked@throttle.test', attacker)).statusCode).toBe(429);
  });

  it('lifts a throttle, and the audit log says who did', async () => {
    const res = await lift(world.ids.locked, world.cookies.admin);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ userId: world.ids.locked, clients: 1, failures: 5 });
    expect((await login('locked@throttle.test', attacker)).statusCode).toBe(401);
    const audit = await world.t.app.inject({ method: 'GET', url: '/api/audit', headers: { cookie: world.cookies.admin } });
    expect(audit.json().entries).toContainEqual(
      expect.objectContaining({
        actor: 'admin@throttle.test',
        action: 'login.throttle_lifted',
        targetId: world.ids.locked,
        details: { clients: 1, failures: 5 },
      }),
    );
    expect((await lift('00000000-0000-4000-8000-000000000000', world.cookies.admin)).statusCode).toBe(404);
  });
});
