import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  ActivityBody,
  ActivityParams,
  ActivityUpdateBody,
  CollaborationSlugParams,
  CreatePledgeBody,
  EmptyBody,
  NoQuery,
  OkResponse,
  Pledge,
  PledgeActivity,
  PledgeExportQuery,
  PledgeHotspots,
  PledgeList,
  PledgeParams,
  PledgeQuery,
  PublicPledges,
  ReviseBody,
  SurveyFollowUp,
  TransitionBody,
  UpdateActivityBody,
  UpdatePledgeBody,
  type Role,
} from '@lagesbild/shared';
import { Type } from 'typebox';
import { Binary, actorOf, changed, denied, errors, localeOf } from '../../lib/staff-route-kit';
import { collaborationInfo } from './pledge-repository';
import { exportPledge, pledgeHotspots, pledgeMapPng } from './pledge-export';
import { surveyFollowUp } from './pledge-results';
import { addActivity, addActivityUpdate, deleteActivity, updateActivity } from './pledge-activity-service';
import { createPledge, deletePledge, updatePledge } from './pledge-draft-service';
import { changeStatus, revisePledge } from './pledge-lifecycle-service';
import { getPledge, listPledges } from './pledge-service';
import { publicPledges } from './public-pledge-service';

/**
 * Access (README, "Citizen pledges"): every staff member reads pledges and works on drafts —
 * coordinators prepare them, officials decide — and records follow-up updates. Moving a pledge
 * through its lifecycle (agreed, signed, followed up, back to draft) is for the officials who
 * sign it, and for admins.
 */
export const SIGNATORIES: readonly Role[] = ['admin', 'official'];

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const tags = ['pledges'];

export const pledgeRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/pledges',
    {
      schema: {
        summary: 'The citizen pledges of the collaboration, newest year and version first',
        tags,
        querystring: NoQuery,
        response: { 200: PledgeList, ...denied },
      },
      config: { access: 'staff' },
    },
    async (request) => ({ pledges: await listPledges(app.db, actorOf(request).collaborationId) }),
  );

  app.post(
    '/api/pledges',
    {
      schema: {
        summary:
          'Creates a draft pledge from a saved lägesbild: the chosen problems with their evidence, parties, and a background written from the key figures',
        tags,
        querystring: PledgeQuery,
        body: CreatePledgeBody,
        response: { 201: Pledge, ...errors(400, 401, 403, 404, 422) },
      },
      config: { access: 'staff' },
    },
    async (request, reply) =>
      reply.status(201).send(await createPledge(app.db, actorOf(request), request.body, localeOf(request, request.query.locale))),
  );

  app.get(
    '/api/pledges/:id',
    {
      schema: {
        summary: 'One pledge: parties, background, problems with evidence, activities with their follow-up, versions',
        tags,
        params: PledgeParams,
        querystring: PledgeQuery,
        response: { 200: Pledge, ...errors(400, 401, 403, 404) },
      },
      config: { access: 'staff' },
    },
    async (request) => getPledge(app.db, actorOf(request).collaborationId, request.params.id, localeOf(request, request.query.locale)),
  );

  app.patch(
    '/api/pledges/:id',
    {
      schema: {
        summary: 'Changes a draft: title, parties, background, problems (409 once agreed or signed)',
        tags,
        params: PledgeParams,
        querystring: PledgeQuery,
        body: UpdatePledgeBody,
        response: { 200: Pledge, ...changed },
      },
      config: { access: 'staff' },
    },
    async (request) => updatePledge(app.db, actorOf(request), request.params.id, request.body, localeOf(request, request.query.locale)),
  );

  app.delete(
    '/api/pledges/:id',
    {
      schema: {
        summary: 'Deletes a draft (an agreed or signed pledge is kept)',
        tags,
        params: PledgeParams,
        querystring: NoQuery,
        body: EmptyBody,
        response: { 200: OkResponse, ...errors(400, 401, 403, 404, 409) },
      },
      config: { access: 'staff' },
    },
    async (request) => {
      await deletePledge(app.db, actorOf(request), request.params.id);
      return { ok: true as const };
    },
  );

  app.post(
    '/api/pledges/:id/activities',
    {
      schema: {
        summary: 'Adds an activity to a draft: what, who, where, when, indicator, target, follow-up date',
        tags,
        params: PledgeParams,
        querystring: NoQuery,
        body: ActivityBody,
        response: { 201: PledgeActivity, ...changed },
      },
      config: { access: 'staff' },
    },
    async (request, reply) => reply.status(201).send(await addActivity(app.db, actorOf(request), request.params.id, request.body)),
  );

  app.patch(
    '/api/pledges/:id/activities/:activityId',
    {
      schema: {
        summary: "Changes a draft's activity",
        tags,
        params: ActivityParams,
        querystring: NoQuery,
        body: UpdateActivityBody,
        response: { 200: PledgeActivity, ...changed },
      },
      config: { access: 'staff' },
    },
    async (request) => updateActivity(app.db, actorOf(request), request.params.id, request.params.activityId, request.body),
  );

  app.delete(
    '/api/pledges/:id/activities/:activityId',
    {
      schema: {
        summary: "Removes a draft's activity",
        tags,
        params: ActivityParams,
        querystring: NoQuery,
        body: EmptyBody,
        response: { 200: OkResponse, ...errors(400, 401, 403, 404, 409) },
      },
      config: { access: 'staff' },
    },
    async (request) => {
      await deleteActivity(app.db, actorOf(request), request.params.id, request.params.activityId);
      return { ok: true as const };
    },
  );

  app.post(
    '/api/pledges/:id/status',
    {
      schema: {
        summary: 'Moves the pledge on: draft → agreed → signed → followed_up, or agreed → draft (officials and admins)',
        tags,
        params: PledgeParams,
        querystring: PledgeQuery,
        body: TransitionBody,
        response: { 200: Pledge, ...changed },
      },
      config: { access: SIGNATORIES },
    },
    async (request) => changeStatus(app.db, actorOf(request), request.params.id, request.body, localeOf(request, request.query.locale)),
  );

  app.post(
    '/api/pledges/:id/revise',
    {
      schema: {
        summary: 'Revises a signed pledge: a new draft version linked to it, with its problems and activities copied',
        tags,
        params: PledgeParams,
        querystring: PledgeQuery,
        body: ReviseBody,
        response: { 201: Pledge, ...changed },
      },
      config: { access: 'staff' },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await revisePledge(app.db, actorOf(request), request.params.id, request.body, localeOf(request, request.query.locale))),
  );

  app.post(
    '/api/pledges/:id/activities/:activityId/updates',
    {
      schema: {
        summary: 'Records a follow-up update of an activity of a signed pledge: date, status, note',
        tags,
        params: ActivityParams,
        querystring: NoQuery,
        body: ActivityUpdateBody,
        response: { 201: PledgeActivity, ...changed },
      },
      config: { access: 'staff' },
    },
    async (request, reply) =>
      reply.status(201).send(await addActivityUpdate(app.db, actorOf(request), request.params.id, request.params.activityId, request.body)),
  );

  app.get(
    '/api/pledges/:id/results',
    {
      schema: {
        summary: "The survey questions at the baseline (the lägesbild's period) and in the pledge year, under disclosure control",
        tags,
        params: PledgeParams,
        querystring: PledgeQuery,
        response: { 200: SurveyFollowUp, ...errors(400, 401, 403, 404) },
      },
      config: { access: 'staff' },
    },
    async (request) => {
      const { collaborationId } = actorOf(request);
      const pledge = await getPledge(app.db, collaborationId, request.params.id, 'sv');
      const info = await collaborationInfo(app.db, collaborationId);
      return surveyFollowUp(
        app.db,
        collaborationId,
        { year: pledge.year, baseline_from: pledge.baseline.from, baseline_to: pledge.baseline.to },
        pledge.problems.map((p) => p.category),
        info.disclosure_threshold,
        localeOf(request, request.query.locale),
      );
    },
  );

  app.get(
    '/api/pledges/:id/hotspots',
    {
      schema: {
        summary: "The significant hot-spot cells (250 m) of the pledge's problems in its evidence period, to point activities at",
        tags,
        params: PledgeParams,
        querystring: NoQuery,
        response: { 200: PledgeHotspots, ...errors(400, 401, 403, 404) },
      },
      config: { access: 'staff' },
    },
    async (request) => pledgeHotspots(app.db, actorOf(request).collaborationId, request.params.id),
  );

  app.get(
    '/api/pledges/:id/map.png',
    {
      schema: {
        summary: "The pledge's hot-spot map as a PNG drawn on the server (boundary, districts, hot cells, legend)",
        tags,
        params: PledgeParams,
        // `v` only makes a changed pledge's map a new URL for the browser (pages pass updatedAt).
        querystring: Type.Object({ v: Type.Optional(Type.String({ maxLength: 40 })) }, { additionalProperties: false }),
        response: { 200: { description: 'image/png', content: { 'image/png': { schema: Binary } } }, ...errors(400, 401, 403, 404) },
      },
      config: { access: 'staff' },
    },
    async (request, reply) => {
      const png = await pledgeMapPng(app.db, actorOf(request).collaborationId, request.params.id);
      reply.header('content-type', 'image/png').header('cache-control', 'private, no-store');
      return reply.send(png);
    },
  );

  app.get(
    '/api/pledges/:id/export',
    {
      schema: {
        summary: 'The pledge as a Word document (format=docx, Swedish) or as a printable HTML page (format=html)',
        tags,
        params: PledgeParams,
        querystring: PledgeExportQuery,
        response: {
          200: {
            description: 'the document, as an attachment (docx) or inline (html)',
            content: { [DOCX]: { schema: Binary }, 'text/html': { schema: Type.String() } },
          },
          ...errors(400, 401, 403, 404),
        },
      },
      config: { access: 'staff' },
    },
    async (request, reply) => {
      const file = await exportPledge(app.db, actorOf(request), request.params.id, request.query.format);
      reply.header('content-type', file.contentType).header('cache-control', 'private, no-store');
      if (request.query.format === 'html') {
        // A print page: its own styles and data: images, nothing else (no script, no framing).
        reply.header(
          'content-security-policy',
          "default-src 'none'; img-src data:; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
        );
        reply.header('content-disposition', `inline; filename="${file.fileName}"`);
      } else {
        reply.header('content-disposition', `attachment; filename="${file.fileName}"`);
      }
      return reply.send(file.body);
    },
  );

  app.get(
    '/api/public/collaborations/:slug/pledges',
    {
      schema: {
        summary:
          "A collaboration's signed citizen pledges for residents: activities with follow-up status, survey results against the baseline (aggregates only)",
        tags: ['public'],
        params: CollaborationSlugParams,
        querystring: PledgeQuery,
        response: { 200: PublicPledges, ...errors(400, 404) },
      },
      config: { access: 'public' },
    },
    async (request, reply) => {
      reply.header('Cache-Control', 'public, max-age=300');
      return publicPledges(app.db, request.params.slug, localeOf(request, request.query.locale));
    },
  );
};
