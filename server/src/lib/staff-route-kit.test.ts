import { type CurrentUser } from '@lagesbild/shared';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { installErrorHandling } from '../plugins/errors';
import { ErrorBodyRef } from '../plugins/standard-errors';
import { actorOf, changed, denied, errors, localeOf, publicOrigin, staffOf } from './staff-route-kit';

const alice: CurrentUser = {
  id: '00000000-0000-4000-8000-000000000001',
  email: 'alice@example.test',
  displayName: 'Alice',
  role: 'coordinator',
  agency: { id: '00000000-0000-4000-8000-000000000002', kind: 'municipality', name: 'Kommunen' },
  collaboration: { id: '00000000-0000-4000-8000-000000000003', slug: 'ljungby', name: 'Ljungby' },
};

let app: FastifyInstance;
afterEach(async () => app?.close());

/** A bare app with our error handler: `signedIn` plays the auth hook, the routes read the kit. */
async function appWith(signedIn: CurrentUser | null, origin?: string): Promise<FastifyInstance> {
  app = Fastify();
  installErrorHandling(app);
  app.decorate('config', { origin } as FastifyInstance['config']);
  app.decorateRequest('user', null);
  app.addHook('onRequest', (request, _reply, done) => {
    request.user = signedIn;
    done();
  });
  app.get('/actor', (request) => actorOf(request));
  app.get('/staff', (request) => staffOf(request));
  app.get('/locale', (request) => ({ locale: localeOf(request, (request.query as { locale?: 'sv' | 'en' }).locale) }));
  app.get('/origin', (request) => ({ origin: publicOrigin(request) }));
  await app.ready();
  return app;
}

describe('staff route kit', () => {
  it('gives the services the acting user and collaboration', async () => {
    const res = await (await appWith(alice)).inject('/actor');
    expect(res.json()).toEqual({ userId: alice.id, collaborationId: alice.collaboration.id });
    expect((await app.inject('/staff')).json()).toEqual(alice);
  });

  it('answers 401 in the error format, not a 500, when a route is reached without a user', async () => {
    await appWith(null);
    for (const url of ['/actor', '/staff']) {
      const res = await app.inject(url);
      expect(res.statusCode, url).toBe(401);
      expect(res.json(), url).toEqual({ error: 'UNAUTHENTICATED', message: 'log in to use this' });
    }
  });

  it('builds the error part of a response schema from statuses', () => {
    expect(errors(400, 404)).toEqual({ 400: ErrorBodyRef, 404: ErrorBodyRef });
    expect(Object.keys(errors(503, 401))).toEqual(['401', '503']);
    expect(denied).toEqual({ 401: ErrorBodyRef, 403: ErrorBodyRef });
    expect(Object.keys(changed)).toEqual(['400', '401', '403', '404', '409', '422']);
  });

  it('takes the language from the query, else the browser’s preference', async () => {
    await appWith(alice);
    const locale = async (url: string, acceptLanguage?: string) =>
      (await app.inject({ url, headers: acceptLanguage ? { 'accept-language': acceptLanguage } : {} })).json<{ locale: string }>().locale;
    expect(await locale('/locale?locale=sv', 'en')).toBe('sv');
    expect(await locale('/locale', 'de, en;q=0.8')).toBe('en');
    expect(await locale('/locale', 'en;q=0.2, sv')).toBe('sv');
    expect(await locale('/locale')).toBe('sv');
  });

  it('makes absolute links from the configured origin, else from the request', async () => {
    await appWith(alice, 'https://lagesbild.example/');
    expect((await app.inject('/origin')).json<{ origin: string }>().origin).toBe('https://lagesbild.example');
    await app.close();
    await appWith(alice);
    expect((await app.inject({ url: '/origin', headers: { host: 'localhost:3000' } })).json<{ origin: string }>().origin).toBe(
      'http://localhost:3000',
    );
  });
});
