import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../server/src/app';
import { loggerOptions } from '../../server/src/plugins/log-privacy';
import type { FastifyInstance } from 'fastify';
import { ORIGIN, createCollaboration, createUser } from '../support/fixtures';
import { createTestDatabase, testConfig, type TestDatabase } from '../support/test-app';
import { must } from '@lagesbild/shared';

/** The real app with the real logger options, its log written into `lines`. */
const lines: string[] = [];
let app: FastifyInstance;
let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
  const config = testConfig({ databaseUrl: database.databaseUrl, logLevel: 'info' });
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(...chunk.toString().split('\n').filter(Boolean));
      done();
    },
  });
  app = await buildApp({ config, fastify: { logger: { ...loggerOptions(config), stream } } });
  await app.ready();
  const collab = await createCollaboration(app, 'logs');
  await createUser(app, collab, { email: 'person@logs.test', role: 'official' });
});
afterAll(async () => {
  await app.close();
  await database.drop();
});

describe('the log', () => {
  it('logs requests without the client address, the e-mail or the password', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { origin: ORIGIN, 'x-forwarded-for': '203.0.113.9', cookie: 'lb_session=secret-cookie-value' },
      remoteAddress: '198.51.100.23',
      payload: { email: 'person@logs.test', password: 'a wrong password' },
    });
    expect(res.statusCode).toBe(401);
    const log = lines.join('\n');
    expect(log).toContain('/api/auth/login');
    expect(log).not.toMatch(/198\.51\.100\.23|203\.0\.113\.9|person@logs|wrong password|secret-cookie-value|remotePort/);
  });

  it("drops a database error's detail, which quotes the offending values", () => {
    const error = Object.assign(new Error('duplicate key value violates unique constraint "app_user_collaboration_email_key"'), {
      code: '23505',
      detail: 'Key (collaboration_id, email)=(1, person@logs.test) already exists.',
      where: 'SQL statement with person@logs.test',
    });
    app.log.error({ err: error }, 'request failed');
    const entry = JSON.parse(must(lines.at(-1), 'the last log line')) as { err: Record<string, unknown> };
    expect(entry.err).toMatchObject({ code: '23505', message: expect.stringContaining('app_user_collaboration_email_key') });
    expect(JSON.stringify(entry)).not.toContain('person@logs');
  });
});
