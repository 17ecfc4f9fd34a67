import { must } from '@lagesbild/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/src/config';
import { ORIGIN, createCollaboration, createUser, loginAs, type TestCollaboration } from '../support/fixtures';
import { freePort, startSmtpCapture } from '../support/smtp-capture';
import { createTestApp, type TestApp } from '../support/test-app';

// 08:00 in Sweden on a day after the other tests' rounds (the digest is queued once a day).
const MORNING = new Date('2030-01-10T07:00:00Z');

let t: TestApp;
let collab: TestCollaboration;
let admin: string;
let smtp: Awaited<ReturnType<typeof startSmtpCapture>> | undefined;
let port: number;

const sender = () => must(t.app.mailSender, 'the mail sender');
const post = (url: string, payload: object, cookie?: string) =>
  t.app.inject({ method: 'POST', url, headers: { origin: ORIGIN, ...(cookie ? { cookie } : {}) }, payload });
const outbox = async () => (await t.app.inject({ method: 'GET', url: '/api/mail/outbox', headers: { cookie: admin } })).json();

beforeAll(async () => {
  // The mail server is down at first: nothing listens on its port.
  port = await freePort();
  t = await createTestApp({ mail: { smtpUrl: `smtp://127.0.0.1:${port}`, from: 'Lägesbild <noreply@mail.test>' } });
  collab = await createCollaboration(t.app, 'mail');
  await createUser(t.app, collab, { email: 'admin@mail.test', role: 'admin' });
  admin = await loginAs(t.app, 'admin@mail.test');
});
afterAll(async () => {
  await t.close();
  await smtp?.close();
});

describe('configuration', () => {
  it('takes SMTP_URL and MAIL_FROM together and refuses what is not a mail server or an address', () => {
    const base = { NODE_ENV: 'test' };
    expect(loadConfig(base).mail).toBeUndefined();
    expect(loadConfig({ ...base, SMTP_URL: 'smtp://m.test:587', MAIL_FROM: 'Lägesbild <noreply@m.test>' }).mail).toEqual({
      smtpUrl: 'smtp://m.test:587',
      from: 'Lägesbild <noreply@m.test>',
    });
    expect(() => loadConfig({ ...base, SMTP_URL: 'smtp://m.test' })).toThrow(/together/);
    expect(() => loadConfig({ ...base, SMTP_URL: 'http://m.test', MAIL_FROM: 'a@m.test' })).toThrow(/SMTP_URL/);
    expect(() => loadConfig({ ...base, SMTP_URL: 'smtp://u:secret@m.test', MAIL_FROM: 'nobody' })).toThrow(/MAIL_FROM/);
  });
});

describe('the outbox while the mail server is down, and after it comes up', () => {
  it('keeps the invitation, retries later, and delivers a link that works', async () => {
    const invite = await post(
      '/api/users',
      { email: 'polis@mail.test', displayName: 'Polis Persson', role: 'coordinator', agencyId: collab.agencies.police },
      admin,
    );
    expect(invite.statusCode).toBe(201);
    expect(invite.json()).toMatchObject({ mailed: true });

    // Down: the attempt fails, the mail stays, its next attempt is later.
    expect(await sender().runOnce(new Date())).toEqual({ sent: 0, failed: 1 });
    const waiting = await outbox();
    expect(waiting).toMatchObject({ enabled: true, waiting: 1, sentLast7Days: 0 });
    expect(waiting.items[0]).toMatchObject({ kind: 'invite', to: 'p•••@mail.test', attempts: 1, lastError: expect.any(String) });
    expect(JSON.stringify(waiting)).not.toContain('polis@');
    // Not due again yet: nothing is tried.
    expect(await sender().runOnce(new Date())).toEqual({ sent: 0, failed: 0 });

    // Up, and the retry is due.
    smtp = await startSmtpCapture(port);
    expect(await sender().runOnce(new Date(Date.now() + 5 * 60_000))).toEqual({ sent: 1, failed: 0 });
    expect(await outbox()).toMatchObject({ waiting: 0, sentLast7Days: 1, items: [] });

    const mail = must(smtp.mails[0], 'the invitation');
    expect(mail.to).toEqual(['polis@mail.test']);
    expect(mail.subject).toContain('Inbjudan till Lägesbild');
    expect(mail.text).toContain('Hej Polis Persson');
    const token = must(/\/invite\/([A-Za-z0-9_-]{43})/.exec(mail.text)?.[1], 'the link in the mail');
    expect((await post('/api/auth/accept', { token, password: 'en lång och ovanlig fras' })).statusCode).toBe(200);
    expect((await post('/api/auth/login', { email: 'polis@mail.test', password: 'en lång och ovanlig fras' })).statusCode).toBe(200);

    // The sent mail no longer holds the one-time link.
    const stored = await t.app.db.selectFrom('mail_outbox').select(['body', 'sent_at']).executeTakeFirstOrThrow();
    expect(stored.body).toBe('');
    expect(stored.sent_at).not.toBeNull();
  });

  it('mails a reset link too', async () => {
    const userId = await createUser(t.app, collab, { email: 'glomsk@mail.test', role: 'official' });
    const reset = await post(`/api/users/${userId}/reset-link`, {}, admin);
    expect(reset.json()).toMatchObject({ mailed: true });
    const before = must(smtp, 'the smtp server').mails.length;
    expect(await sender().runOnce(new Date())).toMatchObject({ sent: 1 });
    const mail = must(smtp?.mails[before], 'the reset mail');
    expect(mail.to).toEqual(['glomsk@mail.test']);
    expect(mail.subject).toContain('Nytt lösenord');
  });
});

describe('the daily digest', () => {
  it('goes to the people something waits for, with what waits for each, once a day', async () => {
    const db = t.app.db;
    const leader = await createUser(t.app, collab, { email: 'ledare@mail.test', role: 'official' });
    await createUser(t.app, collab, { email: 'ingenting@mail.test', role: 'official' });
    await createUser(t.app, collab, { email: 'kpolis@mail.test', role: 'coordinator', agency: 'police' });
    await createUser(t.app, collab, { email: 'kommun@mail.test', role: 'coordinator' });
    const walk = await db
      .insertInto('safety_walk')
      .values({
        collaboration_id: collab.id,
        title: 'Centrumvandring',
        walked_on: '2026-11-20',
        light: 'dark',
        participants: 8,
        created_by: leader,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db
      .insertInto('walk_stop')
      .values({
        walk_id: walk.id,
        client_id: crypto.randomUUID(),
        body_hash: 'x',
        lat: 57.18,
        lon: 14.04,
        x: 0,
        y: 0,
        action_text: 'Byt belysningen i tunneln',
        action_owner: 'municipality',
      })
      .execute();
    const pledge = await db
      .insertInto('pledge')
      .values({
        collaboration_id: collab.id,
        year: 2026,
        title: 'Medborgarlöfte 2026',
        baseline_from: '2025-01-01',
        baseline_to: '2025-12-31',
        parties: JSON.stringify([]),
        background: '',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    // Inserted as a draft (what the table takes), then signed: only signed pledges are followed up.
    await db.updateTable('pledge').set({ status: 'signed', signed_at: '2026-01-15T10:00:00Z' }).where('id', '=', pledge.id).execute();
    const activity = (what: string, kind: 'municipality' | 'police', on: string, sort: number) => ({
      pledge_id: pledge.id,
      what,
      responsible_kind: kind,
      responsible_name: kind,
      timing: '',
      indicator: '',
      target: '',
      follow_up_on: on,
      sort,
    });
    await db
      .insertInto('pledge_activity')
      .values([
        activity('Fler kvällspass i centrum', 'police', '2026-12-01', 0),
        activity('Klotter bort inom ett dygn', 'municipality', '2031-03-01', 1),
      ])
      .execute();

    const before = must(smtp, 'the smtp server').mails.length;
    await sender().runOnce(MORNING);
    const digests = must(smtp, 'the smtp server').mails.slice(before);
    const to = (address: string) => digests.filter((m) => m.to.includes(address));

    expect(digests.map((m) => m.to[0]).sort()).toEqual(['kpolis@mail.test', 'ledare@mail.test', 'polis@mail.test']);
    // Nothing waits for the admin (a municipality's), the other official or the municipal coordinator.
    expect(must(to('ledare@mail.test')[0], "the leader's digest").text).toContain('Centrumvandring: Byt belysningen i tunneln');
    const police = must(to('kpolis@mail.test')[0], 'the police digest');
    expect(police.subject).toContain('väntar på dig');
    expect(police.text).toContain('Fler kvällspass i centrum (2026-12-01)');
    // Not due yet, and another agency's: not in it.
    expect(police.text).not.toContain('Klotter');

    // A second round the same day sends nothing new.
    await sender().runOnce(new Date(MORNING.getTime() + 3_600_000));
    expect(must(smtp, 'the smtp server').mails.length).toBe(before + 3);
  });
});
