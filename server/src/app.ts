import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import Fastify, { type FastifyInstance, type FastifyServerOptions, type RouteOptions } from 'fastify';
import type { AppConfig } from './config';
import { databasePlugin } from './db/database-plugin';
import { auditRoutes } from './features/audit/audit-routes';
import { authPlugin } from './features/auth/auth-plugin';
import { authRoutes } from './features/auth/auth-routes';
import { throttleRoutes } from './features/auth/throttle-routes';
import { healthRoutes } from './features/health/health-routes';
import { hotspotEnginePlugin } from './features/hotspots/hotspot-engine-plugin';
import { hotspotRoutes } from './features/hotspots/hotspot-routes';
import { importRoutes } from './features/imports/import-routes';
import { jobsPlugin } from './features/jobs/jobs-plugin';
import { areaRoutes } from './features/areas/area-routes';
import { populationGridRoutes } from './features/population-grid/population-grid-routes';
import { overviewRoutes } from './features/overview/overview-routes';
import { problemPictureRoutes } from './features/problem-picture/problem-picture-routes';
import { campaignContextPlugin } from './features/responses/campaign-context-plugin';
import { submissionPlugin } from './features/responses/submission-plugin';
import { publicResponseRoutes } from './features/responses/public-routes';
import { campaignRoutes } from './features/campaigns/campaign-routes';
import { paperResponseRoutes } from './features/responses/paper-routes';
import { moderationRoutes } from './features/moderation/moderation-routes';
import { placeRoutes } from './features/places/place-routes';
import { surveyRoutes } from './features/surveys/survey-routes';
import { userRoutes } from './features/users/user-routes';
import { agencyRoutes } from './features/agencies/agency-routes';
import { collaborationRoutes } from './features/collaborations/collaboration-routes';
import { dialogueRoutes } from './features/dialogues/dialogue-routes';
import { walkRoutes } from './features/walks/walk-routes';
import { pledgeRoutes } from './features/pledges/pledge-routes';
import { basemapRoutes } from './features/basemap/basemap-routes';
import { mailRoutes } from './features/mail/mail-routes';
import { mailSenderPlugin } from './features/mail/mail-sender-plugin';
import { STATE_CHANGING } from './plugins/access';
import { clientAddressPlugin } from './plugins/client-address';
import { clientErrorHandler, frameworkErrors, installErrorHandling } from './plugins/errors';
import { loggerOptions } from './plugins/log-privacy';
import { installJsonParser } from './plugins/json-body';
import { displayTextKeyword } from './lib/display-text-keyword';
import { trustFunction } from './lib/proxy-trust';
import { openApiPlugin } from './plugins/openapi';
import { securityPlugin } from './plugins/security';
import { addStandardErrorResponses, registerErrorBody } from './plugins/standard-errors';
import { textInputPlugin } from './plugins/text-input';

export interface BuildAppOptions {
  config: AppConfig;
  /** Extra Fastify options; main.ts passes a serverFactory that hands page requests to SvelteKit. */
  fastify?: Partial<FastifyServerOptions>;
}

declare module 'fastify' {
  interface FastifyInstance {
    config: AppConfig;
    /** The API routes as declared: read by the authorization-matrix test. */
    routeTable: RouteOptions[];
  }
}

function createValidator(coerceTypes: false | 'array'): Ajv2020 {
  // JSON Schema 2020-12, the dialect of the OpenAPI 3.1 document: a request is checked by the
  // schema outside clients read (tuples are `prefixItems`). Unknown properties are an error, not
  // silently dropped; every problem is reported at once.
  const ajv = new Ajv2020({ removeAdditional: false, allErrors: true, coerceTypes, useDefaults: true, strict: false });
  addFormats(ajv);
  ajv.addKeyword(displayTextKeyword);
  return ajv;
}

/**
 * Refuses at start-up any API route that does not declare its schemas and its access rule,
 * so no route reaches production half-described: the OpenAPI document and the
 * authorization-matrix test are built from these declarations.
 */
function assertRouteIsDeclared(route: RouteOptions): void {
  if (!route.url.startsWith('/api/') || route.url.startsWith('/api/docs')) return;
  const schema = route.schema ?? {};
  const methods = ([] as string[]).concat(route.method);
  if (methods.every((m) => m === 'HEAD')) return;
  const missing: string[] = [];
  if (!schema.response) missing.push('response');
  if (!schema.querystring) missing.push('querystring');
  if (route.url.includes('/:') && !schema.params) missing.push('params');
  if (methods.some((m) => STATE_CHANGING.has(m)) && !schema.body && !route.config?.rawBody) missing.push('body');
  if (!route.config?.access) missing.push('config.access');
  if (missing.length > 0) throw new Error(`route ${methods.join(',')} ${route.url} does not declare: ${missing.join(', ')}`);
}

export async function buildApp({ config, fastify = {} }: BuildAppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: loggerOptions(config),
    trustProxy: trustFunction(config.trustProxy),
    bodyLimit: 64 * 1024,
    onProtoPoisoning: 'error',
    onConstructorPoisoning: 'error',
    // Errors answered before a route runs, in our error format too.
    frameworkErrors,
    clientErrorHandler,
    ...fastify,
  }).withTypeProvider<TypeBoxTypeProvider>();

  // Query strings, params and headers arrive as text and are coerced to their schema types; JSON
  // bodies are taken as sent (coercing ["a"] to "a" would change what a resident answered).
  const bodyValidator = createValidator(false);
  const textValidator = createValidator('array');
  app.setValidatorCompiler(({ schema, httpPart }) => (httpPart === 'body' ? bodyValidator : textValidator).compile(schema));

  app.decorate('config', config);
  app.decorate('routeTable', [] as RouteOptions[]);
  registerErrorBody(app);
  app.addHook('onRoute', (route) => {
    assertRouteIsDeclared(route);
    if (!route.url.startsWith('/api/') || route.url.startsWith('/api/docs')) return;
    addStandardErrorResponses(route);
    app.routeTable.push(route);
  });
  installErrorHandling(app);
  installJsonParser(app);

  await app.register(openApiPlugin);
  await app.register(databasePlugin, { config });
  await app.register(jobsPlugin);
  await app.register(securityPlugin, { config });
  await app.register(clientAddressPlugin, { config });
  await app.register(authPlugin);
  await app.register(textInputPlugin);

  await app.register(healthRoutes);
  await app.register(authRoutes);
  await app.register(userRoutes);
  await app.register(agencyRoutes);
  await app.register(collaborationRoutes);
  await app.register(throttleRoutes);
  await app.register(auditRoutes);
  await app.register(overviewRoutes);
  await app.register(areaRoutes);
  await app.register(populationGridRoutes);
  await app.register(problemPictureRoutes);
  await app.register(importRoutes);
  await app.register(hotspotEnginePlugin);
  await app.register(hotspotRoutes);
  await app.register(campaignContextPlugin);
  await app.register(submissionPlugin);
  await app.register(publicResponseRoutes);
  await app.register(walkRoutes);
  await app.register(dialogueRoutes);
  await app.register(surveyRoutes);
  await app.register(campaignRoutes);
  await app.register(paperResponseRoutes);
  await app.register(placeRoutes);
  await app.register(moderationRoutes);
  await app.register(pledgeRoutes);
  await app.register(basemapRoutes);
  await app.register(mailSenderPlugin);
  await app.register(mailRoutes);

  return app;
}
