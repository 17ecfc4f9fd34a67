import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  IdempotencyHeaders,
  PublicResults,
  LocaleQuery,
  PublicCampaign,
  SlugParams,
  SubmitResponseBody,
  SubmitResponseResult,
  negotiateLocale,
} from '@lagesbild/shared';
import { errors } from '../../lib/staff-route-kit';
import { publicCampaign } from './public-campaign-service';
import { submitResponse } from './response-service';
import { publicResults } from './results-service';

export const publicResponseRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/public/campaigns/:slug',
    {
      schema: {
        summary: "A campaign's survey in one language: questions, pin categories, map bounds, named places",
        tags: ['public'],
        params: SlugParams,
        querystring: LocaleQuery,
        response: { 200: PublicCampaign, ...errors(400, 404) },
      },
      config: { access: 'public' },
    },
    async (request, reply) => {
      const locale = request.query.locale ?? negotiateLocale(request.headers['accept-language']);
      reply.header('Cache-Control', 'public, max-age=60');
      return publicCampaign(app.db, request.params.slug, locale);
    },
  );

  app.post(
    '/api/public/campaigns/:slug/responses',
    {
      schema: {
        summary: 'Submits one answer; the Idempotency-Key makes retries safe (same key → same id)',
        tags: ['public'],
        params: SlugParams,
        querystring: LocaleQuery,
        headers: IdempotencyHeaders,
        body: SubmitResponseBody,
        response: {
          201: SubmitResponseResult,
          ...errors(400, 404, 409, 410, 413, 422, 429),
        },
      },
      bodyLimit: 32 * 1024,
      config: { access: 'public' },
    },
    async (request, reply) => {
      const result = await submitResponse(app.db, {
        slug: request.params.slug,
        idempotencyKey: request.headers['idempotency-key'].toLowerCase(),
        body: request.body,
        clientAddress: request.clientAddress,
        secret: app.config.sessionSecret,
        rateLimitPerMinute: app.config.submissionRateLimit,
        context: (slug) => app.campaignContexts.get(slug),
        countHit: (key) => app.submissionCounter.hit(key),
        write: (submission) => app.submissionBatcher.store(submission),
      });
      if (result.replayed) reply.header('Idempotent-Replayed', 'true');
      return reply.status(201).send({ id: result.id });
    },
  );

  app.get(
    '/api/public/campaigns/:slug/results',
    {
      schema: {
        summary: "The survey's answers so far, aggregated; no figure rests on fewer than the threshold",
        tags: ['public'],
        params: SlugParams,
        querystring: LocaleQuery,
        response: { 200: PublicResults, ...errors(400, 404) },
      },
      config: { access: 'public' },
    },
    async (request, reply) => {
      const locale = request.query.locale ?? negotiateLocale(request.headers['accept-language']);
      reply.header('Cache-Control', 'public, max-age=300');
      return publicResults(app.db, request.params.slug, locale);
    },
  );
};
