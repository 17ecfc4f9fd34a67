import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARGON2_PARAMS } from '../../server/src/lib/password';
import { ORIGIN, PASSWORD, createCollaboration, createUser, loginAs, type TestCollaboration } from '../support/fixtures';
import { createTestApp, type TestApp } from '../support/test-app';
import { must } from '@lagesbild/shared';

let t: TestApp;
let collab: TestCollaboration;

beforeAll(async () => {
  t = await createTestApp();
  collab = await createCollaboration(t.app, 'auth');
  await createUser(t.app, collab, { email: 'admin@auth.test', role: 'admin' });
  await createUser(t.app, collab, { email: 'coord@auth.test', role: 'coordinator' });
});
afterAll(async () => t.close());

const me = (cookie?: string) => t.app.inject({ method: 'GET', url: '/api/auth/me', headers: cookie ? { cookie } : {} });

describe('login and sessions', () => {
  it('logs in, sets a hardened cookie and answers /me', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { origin: ORIGIN },
      payload: { email: 'Coord@Auth.test', password: PASSWORD },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ email: 'coord@auth.test', role: 'coordinator', agency: { kind: 'municipality' } });
    const cookie = must(
      res.cookies.find((c) => c.name === 'lb_session'),
      'the session cookie',
    );
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.sameSite).toBe('Lax');
    expect(cookie.path).toBe('/');
    const who = await me(`lb_session=${cookie.value}`);
    expect(who.statusCode).toBe(200);
    expect(who.headers['cache-control']).toBe('no-store');
  });

  it('issues a new session id at every login, and the old one stops working', async () => {
    const first = await loginAs(t.app, 'coord@auth.test');
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { origin: ORIGIN, cookie: first },
      payload: { email: 'coord@auth.test', password: PASSWORD },
    });
    const second = `lb_session=${
      must(
        res.cookies.find((c) => c.name === 'lb_session'),
        'the session cookie',
      ).value
    }`;
    expect(second).not.toBe(first);
    expect((await me(first)).statusCode).toBe(401);
    expect((await me(second)).statusCode).toBe(200);
  });

  it('refuses a wrong password and an unknown account alike', async () => {
    const wrong = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { origin: ORIGIN },
      payload: { email: 'coord@auth.test', password: 'not the password' },
    });
    const unknown = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { origin: ORIGIN },
      payload: { email: 'nobody@auth.test', password: 'not the password' },
    });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json()).toEqual(unknown.json());
  });

  it('a cookie replayed after logout gets 401', async () => {
    const cookie = await loginAs(t.app, 'coord@auth.test');
    const out = await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { origin: ORIGIN, cookie }, payload: {} });
    expect(out.statusCode).toBe(200);
    expect((await me(cookie)).statusCode).toBe(401);
  });

  it('a cookie replayed after the user is disabled gets 401', async () => {
    const victimId = await createUser(t.app, collab, { email: 'soon-disabled@auth.test', role: 'coordinator' });
    const victim = await loginAs(t.app, 'soon-disabled@auth.test');
    const admin = await loginAs(t.app, 'admin@auth.test');
    const disable = await t.app.inject({
      method: 'PATCH',
      url: `/api/users/${victimId}`,
      headers: { origin: ORIGIN, cookie: admin },
      payload: { status: 'disabled' },
    });
    expect(disable.statusCode).toBe(200);
    expect((await me(victim)).statusCode).toBe(401);
    const again = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { origin: ORIGIN },
      payload: { email: 'soon-disabled@auth.test', password: PASSWORD },
    });
    expect(again.statusCode).toBe(401);
  });

  it('ends a session that has been idle too long', async () => {
    const cookie = await loginAs(t.app, 'coord@auth.test');
    await t.app.db
      .updateTable('user_session')
      .set({ last_seen_at: new Date(Date.now() - 3 * 3600_000) })
      .execute();
    expect((await me(cookie)).statusCode).toBe(401);
  });

  it('ends a session past its absolute lifetime even while in use', async () => {
    const cookie = await loginAs(t.app, 'coord@auth.test');
    await t.app.db
      .updateTable('user_session')
      .set({ expires_at: new Date(Date.now() - 1000) })
      .execute();
    expect((await me(cookie)).statusCode).toBe(401);
  });

  it('stores argon2id hashes with at least OWASP’s parameters', async () => {
    const row = await t.app.db
      .selectFrom('app_user')
      .select('password_hash')
      .where('email', '=', 'coord@auth.test')
      .executeTakeFirstOrThrow();
    const match = /^\$argon2id\$v=19\$m=(\d+),t=(\d+),p=(\d+)\$[A-Za-z0-9+/]+\$[A-Za-z0-9+/]+$/.exec(row.password_hash ?? '');
    const [, m, tCost, p] = must(match, 'an argon2id hash').map(Number);
    expect(m).toBeGreaterThanOrEqual(19_456);
    expect(tCost).toBeGreaterThanOrEqual(2);
    expect(p).toBeGreaterThanOrEqual(1);
    expect(ARGON2_PARAMS.memoryCost).toBe(m);
  });
});

describe('CSRF and content types', () => {
  it('refuses a cross-origin POST', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { origin: 'https://evil.example' },
      payload: { email: 'coord@auth.test', password: PASSWORD },
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().error).toBe('CROSS_ORIGIN');
  });

  it('refuses a POST without Origin', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'coord@auth.test', password: PASSWORD } });
    expect(res.statusCode).toBe(403);
    expect(res.json().error).toBe('ORIGIN_REQUIRED');
  });

  it('refuses a text/plain or form body (the cross-site "simple request" shapes) with 415', async () => {
    for (const contentType of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x']) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        headers: { origin: ORIGIN, 'content-type': contentType },
        payload: 'email=coord%40auth.test&password=x',
      });
      expect(res.statusCode, contentType).toBe(415);
      expect(res.json().error).toBe('UNSUPPORTED_MEDIA_TYPE');
    }
  });
});

describe('hostile input', () => {
  it('refuses unknown properties and names the field', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { origin: ORIGIN },
      payload: { email: 'a@b.se', password: 'x', isAdmin: true },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().details).toContainEqual({ path: 'body.isAdmin', message: 'is not an allowed property' });
  });

  it('refuses __proto__ and constructor.prototype keys', async () => {
    for (const payload of [
      '{"email":"a@b.se","password":"x","__proto__":{"admin":true}}',
      '{"email":"a@b.se","password":"x","constructor":{"prototype":{"admin":true}}}',
    ]) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        headers: { origin: ORIGIN, 'content-type': 'application/json' },
        payload,
      });
      expect(res.statusCode).toBe(400);
      expect(res.json().error).toBeTypeOf('string');
    }
  });

  it('answers malformed JSON with 400 and no stack trace', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { origin: ORIGIN, 'content-type': 'application/json' },
      payload: '{"email": ',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toBe('INVALID_JSON');
    expect(res.body).not.toMatch(/at .*\.(ts|js):\d+/);
  });

  it('answers an oversized body with 413', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { origin: ORIGIN, 'content-type': 'application/json' },
      payload: JSON.stringify({ email: 'a@b.se', password: 'x'.repeat(200_000) }),
    });
    expect(res.statusCode).toBe(413);
    expect(res.json().error).toBe('BODY_TOO_LARGE');
  });
});

describe('security headers', () => {
  it('sends a strict CSP and nosniff on API answers', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/health' });
    expect(res.headers['content-security-policy']).toContain("default-src 'none'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBeDefined();
  });
});
