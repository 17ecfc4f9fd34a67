import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { BinaryImage, CampaignList, CampaignSummary, CreateCampaignBody, IdParams, NoQuery, UpdateCampaignBody } from '@lagesbild/shared';
import { actorOf, changed, denied, errors, publicOrigin } from '../../lib/staff-route-kit';
import { COORDINATORS } from '../../plugins/access';
import {
  campaignOrNotFound,
  createCampaign,
  listCampaigns,
  publicLink,
  qrCode,
  toCampaignSummary,
  updateCampaign,
} from './campaign-service';

export const campaignRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/campaigns',
    {
      schema: {
        summary: 'Campaigns with their status and answer counts, and what a new campaign can use',
        tags: ['campaigns'],
        querystring: NoQuery,
        response: { 200: CampaignList, ...denied },
      },
      config: { access: 'staff' },
    },
    async (request) => listCampaigns(app.db, actorOf(request).collaborationId, publicOrigin(request)),
  );

  app.post(
    '/api/campaigns',
    {
      schema: {
        summary: 'Publishes a survey version for a period, an area and an audience under a slug',
        tags: ['campaigns'],
        querystring: NoQuery,
        body: CreateCampaignBody,
        response: { 201: CampaignSummary, ...changed },
      },
      config: { access: COORDINATORS },
    },
    async (request, reply) => {
      const campaign = await createCampaign(app.db, actorOf(request), request.body, publicOrigin(request));
      app.campaignContexts.delete(campaign.slug);
      return reply.status(201).send(campaign);
    },
  );

  app.get(
    '/api/campaigns/:id',
    {
      schema: {
        summary: 'One campaign with its links and counts',
        tags: ['campaigns'],
        params: IdParams,
        querystring: NoQuery,
        response: { 200: CampaignSummary, ...errors(400, 401, 403, 404) },
      },
      config: { access: 'staff' },
    },
    async (request) =>
      toCampaignSummary(await campaignOrNotFound(app.db, actorOf(request).collaborationId, request.params.id), publicOrigin(request)),
  );

  app.patch(
    '/api/campaigns/:id',
    {
      schema: {
        summary: 'Changes a campaign (period, area, audience, slug, title or survey version)',
        tags: ['campaigns'],
        params: IdParams,
        querystring: NoQuery,
        body: UpdateCampaignBody,
        response: { 200: CampaignSummary, ...changed },
      },
      config: { access: COORDINATORS },
    },
    async (request) => {
      const { campaign, staleSlugs } = await updateCampaign(
        app.db,
        actorOf(request),
        request.params.id,
        request.body,
        publicOrigin(request),
      );
      for (const slug of staleSlugs) app.campaignContexts.delete(slug);
      return campaign;
    },
  );

  const mime = { svg: 'image/svg+xml', png: 'image/png' } as const;
  for (const format of ['svg', 'png'] as const) {
    app.get(
      `/api/campaigns/:id/qr.${format}`,
      {
        schema: {
          summary: `The public link as a QR code (${format.toUpperCase()})`,
          tags: ['campaigns'],
          params: IdParams,
          querystring: NoQuery,
          response: {
            200: { description: `QR code (${mime[format]})`, content: { [mime[format]]: { schema: BinaryImage } } },
            ...errors(400, 401, 403, 404),
          },
        },
        config: { access: 'staff' },
      },
      async (request, reply) => {
        const campaign = await campaignOrNotFound(app.db, actorOf(request).collaborationId, request.params.id);
        const image = await qrCode(publicLink(publicOrigin(request), campaign.slug), format);
        reply.type(mime[format]);
        reply.header('Content-Disposition', `inline; filename="${campaign.slug}-qr.${format}"`);
        return reply.send(image);
      },
    );
  }
};
