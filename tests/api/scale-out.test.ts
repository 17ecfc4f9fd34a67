import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../server/src/app';
import { ORIGIN, PASSWORD, createCollaboration, createUser, loginAs } from '../support/fixtures';
import { createTestDatabase, testConfig, type TestDatabase } from '../support/test-app';

/**
 * Two instances of the app on one PostgreSQL share sessions and login limits, as two
 * processes behind a load balancer would: nothing about them lives in process memory.
 * PGlite is one process's private database, so this runs against PostgreSQL only.
 */
const postgres = Boolean(process.env.TEST_DATABASE_URL);
let database: TestDatabase;
let one: FastifyInstance;
let two: FastifyInstance;

describe.skipIf(!postgres)(`two instances on one PostgreSQL${postgres ? '' : ' (skipped: needs TEST_DATABASE_URL)'}`, () => {
  beforeAll(async () => {
    database = await createTestDatabase();
    one = await buildApp({ config: testConfig({ databaseUrl: database.databaseUrl }) });
    two = await buildApp({ config: testConfig({ databaseUrl: database.databaseUrl }) });
    const collab = await createCollaboration(one, 'scale');
    await createUser(one, collab, { email: 'shared@scale.test', role: 'coordinator' });
    await createUser(one, collab, { email: 'target@scale.test', role: 'official' });
  });
  afterAll(async () => {
    await one?.close();
    await two?.close();
    await database?.drop();
  });

  it('a session made on one instance works on the other, and logout on the other ends it', async () => {
    const cookie = await loginAs(one, 'shared@scale.test');
    expect((await two.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } })).statusCode).toBe(200);
    await two.inject({ method: 'POST', url: '/api/auth/logout', headers: { origin: ORIGIN, cookie }, payload: {} });
    expect((await one.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } })).statusCode).toBe(401);
  });

  it('wrong passwords spread over both instances count against one limit', async () => {
    const attempt = (app: FastifyInstance, remoteAddress: string, password: string) =>
      app.inject({
        method: 'POST',
        url: '/api/auth/login',
        headers: { origin: ORIGIN },
        remoteAddress,
        payload: { email: 'target@scale.test', password },
      });
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) {
      const res = await attempt(i % 2 === 0 ? one : two, '10.1.1.1', `wrong password ${i}`);
      statuses.push(res.statusCode);
    }
    // Five failures are free per account and client, wherever they land; then the client waits.
    expect(statuses).toEqual([...Array(5).fill(401), 429, 429]);
    expect((await attempt(two, '10.1.1.1', PASSWORD)).statusCode).toBe(429);
    // A client that has not failed is never refused: a stranger cannot lock the owner out.
    expect((await attempt(one, '10.1.1.99', PASSWORD)).statusCode).toBe(200);
  });
});
