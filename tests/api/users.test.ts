import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ORIGIN, PASSWORD, createCollaboration, createUser, loginAs, type TestCollaboration } from '../support/fixtures';
import { createTestApp, type TestApp } from '../support/test-app';
import { must } from '@lagesbild/shared';

let t: TestApp;
let collab: TestCollaboration;
let admin: string;
let adminId: string;

beforeAll(async () => {
  t = await createTestApp();
  collab = await createCollaboration(t.app, 'users');
  adminId = await createUser(t.app, collab, { email: 'admin@users.test', role: 'admin' });
  admin = await loginAs(t.app, 'admin@users.test');
});
afterAll(async () => t.close());

const post = (url: string, payload: object, cookie?: string) =>
  t.app.inject({ method: 'POST', url, headers: { origin: ORIGIN, ...(cookie ? { cookie } : {}) }, payload });
const patch = (url: string, payload: object, cookie: string) =>
  t.app.inject({ method: 'PATCH', url, headers: { origin: ORIGIN, cookie }, payload });

function tokenOf(link: string): string {
  return must(link.split('/invite/')[1], `the token in ${link}`);
}

describe('inviting and onboarding staff', () => {
  it('invites with a one-time link; the invitee sets a password once and can log in', async () => {
    const invite = await post(
      '/api/users',
      { email: 'Ny.Person@Users.test', displayName: 'Ny Person', role: 'coordinator', agencyId: collab.agencies.police },
      admin,
    );
    expect(invite.statusCode).toBe(201);
    const body = invite.json();
    expect(body.user).toMatchObject({ email: 'ny.person@users.test', status: 'invited', agencyKind: 'police' });
    expect(body.link).toMatch(/^http:\/\/localhost(:80)?\/invite\/[A-Za-z0-9_-]{43}$/);

    const token = tokenOf(body.link);
    expect((await post('/api/auth/accept', { token, password: 'en lång och ovanlig fras' })).statusCode).toBe(200);
    const reused = await post('/api/auth/accept', { token, password: 'en annan lång fras' });
    expect(reused.statusCode).toBe(422);
    expect(reused.json().error).toBe('LINK_INVALID');

    const login = await post('/api/auth/login', { email: 'ny.person@users.test', password: 'en lång och ovanlig fras' });
    expect(login.statusCode).toBe(200);
    expect(login.json()).toMatchObject({ role: 'coordinator', agency: { kind: 'police' } });
  });

  it('refuses common, short and over-long passwords, and the link survives the refusal', async () => {
    const invite = await post(
      '/api/users',
      { email: 'weak@users.test', displayName: 'Weak', role: 'official', agencyId: collab.agencies.municipality },
      admin,
    );
    const token = tokenOf(invite.json().link);
    const common = await post('/api/auth/accept', { token, password: 'password123' });
    expect(common.statusCode).toBe(422);
    expect(common.json()).toMatchObject({ error: 'WEAK_PASSWORD', details: [{ path: 'body.password' }] });
    const swedish = await post('/api/auth/accept', { token, password: 'Lösenord1' });
    expect(swedish.statusCode).toBe(422);
    expect((await post('/api/auth/accept', { token, password: 'short' })).statusCode).toBe(400);
    expect((await post('/api/auth/accept', { token, password: 'x'.repeat(129) })).statusCode).toBe(400);
    // No composition rules: a long lowercase phrase is fine.
    expect((await post('/api/auth/accept', { token, password: 'kaffe och kanelbullar' })).statusCode).toBe(200);
  });

  it('refuses a second account with the same e-mail address', async () => {
    const res = await post(
      '/api/users',
      { email: 'ADMIN@users.test', displayName: 'Dup', role: 'official', agencyId: collab.agencies.municipality },
      admin,
    );
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toBe('EMAIL_TAKEN');
  });

  it('answers an address with an account in another collaboration as a fresh one, and keeps the accounts apart', async () => {
    const elsewhere = await createCollaboration(t.app, 'users-elsewhere');
    const otherId = await createUser(t.app, elsewhere, { email: 'shared@users.test', role: 'admin' });
    const invite = (email: string) =>
      post('/api/users', { email, displayName: 'Delad', role: 'official', agencyId: collab.agencies.municipality }, admin);
    const taken = await invite('shared@users.test');
    const fresh = await invite('never-seen@users.test');
    expect(taken.statusCode).toBe(201);
    const shape = (body: { user: Record<string, unknown> }) => ({ ...body.user, id: 'id', email: 'email', createdAt: 'at' });
    expect(shape(taken.json())).toEqual(shape(fresh.json()));
    expect(taken.json().user.id).not.toBe(otherId);

    // Our account gets its own password; the other collaboration's account keeps its own.
    expect((await post('/api/auth/accept', { token: tokenOf(taken.json().link), password: 'vår egen långa fras' })).statusCode).toBe(200);
    const ours = await post('/api/auth/login', { email: 'shared@users.test', password: 'vår egen långa fras' });
    expect(ours.json()).toMatchObject({ id: taken.json().user.id, role: 'official', collaboration: { id: collab.id } });
    const theirs = await post('/api/auth/login', { email: 'shared@users.test', password: PASSWORD });
    expect(theirs.json()).toMatchObject({ id: otherId, role: 'admin', collaboration: { id: elsewhere.id } });
  });

  it('resets a password through a new one-time link; the old password stops working', async () => {
    const id = await createUser(t.app, collab, { email: 'forgetful@users.test', role: 'official' });
    const reset = await post(`/api/users/${id}/reset-link`, {}, admin);
    expect(reset.statusCode).toBe(200);
    expect((await post('/api/auth/accept', { token: tokenOf(reset.json().link), password: 'ett helt nytt lösenord' })).statusCode).toBe(
      200,
    );
    expect((await post('/api/auth/login', { email: 'forgetful@users.test', password: 'correct horse battery staple' })).statusCode).toBe(
      401,
    );
    expect((await post('/api/auth/login', { email: 'forgetful@users.test', password: 'ett helt nytt lösenord' })).statusCode).toBe(200);
  });

  it('keeps at least one active admin', async () => {
    const res = await patch(`/api/users/${adminId}`, { role: 'official' }, admin);
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toBe('LAST_ADMIN');
  });

  it('refuses an empty update and unknown fields', async () => {
    const id = await createUser(t.app, collab, { email: 'plain@users.test', role: 'official' });
    expect((await patch(`/api/users/${id}`, {}, admin)).statusCode).toBe(400);
    expect((await patch(`/api/users/${id}`, { role: 'official', email: 'x@y.se' }, admin)).statusCode).toBe(400);
    expect((await patch(`/api/users/not-a-uuid`, { role: 'official' }, admin)).statusCode).toBe(400);
  });

  it('records who did what in the audit log, with no passwords or free text', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/audit?limit=200', headers: { cookie: admin } });
    expect(res.statusCode).toBe(200);
    const actions = (res.json().entries as { action: string }[]).map((e) => e.action);
    for (const action of ['login', 'user.invite', 'user.accept_invite', 'user.reset_link', 'user.reset_password']) {
      expect(actions).toContain(action);
    }
    expect(res.body).not.toMatch(/lång|kanelbullar|horse/);
  });

  it('pages the audit log with `before`', async () => {
    const first = await t.app.inject({ method: 'GET', url: '/api/audit?limit=2', headers: { cookie: admin } });
    const entries = first.json().entries as { id: string }[];
    expect(entries).toHaveLength(2);
    const next = await t.app.inject({
      method: 'GET',
      url: `/api/audit?limit=2&before=${must(entries[1], 'the second entry').id}`,
      headers: { cookie: admin },
    });
    const nextIds = (next.json().entries as { id: string }[]).map((e) => BigInt(e.id));
    expect(nextIds.every((id) => id < BigInt(must(entries[1], 'the second entry').id))).toBe(true);
  });
});
