import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { must, type UserList } from '@lagesbild/shared';
import { afterAll, describe, expect, it } from 'vitest';
import { startServer } from '../support/server-process';

const dataDir = mkdtempSync(join(tmpdir(), 'lagesbild-restart-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const env = {
  DATA_DIR: dataDir,
  DEMO_DATA: 'false',
  ADMIN_EMAIL: 'admin@restart.test',
  ADMIN_PASSWORD: 'a long admin passphrase',
};

async function loginCookie(baseUrl: string): Promise<string> {
  const res = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: baseUrl },
    body: JSON.stringify({ email: env.ADMIN_EMAIL, password: env.ADMIN_PASSWORD }),
  });
  expect(res.status).toBe(200);
  return must(res.headers.getSetCookie()[0]?.split(';')[0], 'the session cookie');
}

describe('the embedded database across SIGTERM', () => {
  it('keeps what was written when the server is stopped and started again', async () => {
    const first = await startServer(env);
    const cookie = await loginCookie(first.baseUrl);
    const users = (await (await fetch(`${first.baseUrl}/api/users`, { headers: { cookie } })).json()) as UserList;
    const invite = await fetch(`${first.baseUrl}/api/users`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: first.baseUrl, cookie },
      body: JSON.stringify({
        email: 'kept@restart.test',
        displayName: 'Kept',
        role: 'official',
        agencyId: must(users.agencies[0], 'an agency').id,
      }),
    });
    expect(invite.status).toBe(201);
    expect(await first.stop('SIGTERM')).toBe(0);

    const second = await startServer(env);
    try {
      const again = await loginCookie(second.baseUrl);
      const list = (await (await fetch(`${second.baseUrl}/api/users`, { headers: { cookie: again } })).json()) as UserList;
      expect(list.users.map((u) => u.email)).toContain('kept@restart.test');
      // The session from before the restart is still valid: sessions live in the database.
      expect((await fetch(`${second.baseUrl}/api/auth/me`, { headers: { cookie } })).status).toBe(200);
    } finally {
      expect(await second.stop('SIGTERM')).toBe(0);
    }
  }, 180_000);
});
