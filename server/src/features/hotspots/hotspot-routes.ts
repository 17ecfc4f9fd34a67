import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  CellDetail,
  CellIdParams,
  CompareCollection,
  HotspotCellQuery,
  HotspotCollection,
  HotspotCompareQuery,
  HotspotExportQuery,
  HotspotPointsQuery,
  HotspotQuery,
  MapConfig,
  NoQuery,
  PointsCollection,
} from '@lagesbild/shared';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { errors, staffOf } from '../../lib/staff-route-kit';
import { cellDetail, compareAnswer, exportAnswer, hotspotAnswer, mapConfig, pointsAnswer, type Answer } from './hotspot-service';

/** Sends a cached, already serialized answer: gzipped when big and the client takes gzip. */
function send(request: FastifyRequest, reply: FastifyReply, { answer, hit }: Answer, contentType: string) {
  reply.header('content-type', contentType);
  reply.header('x-lagesbild-cache', hit ? 'hit' : 'miss');
  reply.header('vary', 'accept-encoding');
  if (answer.gzip && /\bgzip\b/.test(request.headers['accept-encoding'] ?? '')) {
    reply.header('content-encoding', 'gzip');
    return reply.send(answer.gzip);
  }
  return reply.send(answer.body);
}

export const hotspotRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/hotspots',
    {
      schema: {
        summary: 'Hot-spot analysis (Getis-Ord Gi* with FDR) of the filtered points on a metric grid, as GeoJSON cells',
        description:
          'Every cell of the study area counts, empty ones included; area-level points never enter the grid. Cached per ' +
          'filter and data version (header x-lagesbild-cache: hit | miss). For viewers outside the police the disclosure ' +
          'rule in meta.disclosure applies.',
        tags: ['hotspots'],
        querystring: HotspotQuery,
        response: { 200: HotspotCollection, ...errors(400, 401) },
      },
      config: { access: 'staff' },
    },
    async (request, reply) =>
      send(request, reply, await hotspotAnswer(app, staffOf(request), request.query), 'application/json; charset=utf-8'),
  );

  app.get(
    '/api/hotspots/compare',
    {
      schema: {
        summary: 'Two periods on one grid: each period’s counts and hot spots per cell, and the cells that changed significantly',
        tags: ['hotspots'],
        querystring: HotspotCompareQuery,
        response: { 200: CompareCollection, ...errors(400, 401) },
      },
      config: { access: 'staff' },
    },
    async (request, reply) =>
      send(request, reply, await compareAnswer(app, staffOf(request), request.query), 'application/json; charset=utf-8'),
  );

  app.get(
    '/api/hotspots/cells/:cellId',
    {
      schema: {
        summary: 'What lies behind one cell: counts by source and category, time of day × weekday, and the records',
        tags: ['hotspots'],
        params: CellIdParams,
        querystring: HotspotCellQuery,
        response: { 200: CellDetail, ...errors(400, 401, 404) },
      },
      config: { access: 'staff' },
    },
    async (request) => cellDetail(app, staffOf(request), request.params.cellId, request.query),
  );

  app.get(
    '/api/hotspots/points',
    {
      schema: {
        summary: 'The filtered points as GeoJSON for the map’s point layers (police-only points for police staff only)',
        tags: ['hotspots'],
        querystring: HotspotPointsQuery,
        response: { 200: PointsCollection, ...errors(400, 401) },
      },
      config: { access: 'staff' },
    },
    async (request, reply) =>
      send(request, reply, await pointsAnswer(app, staffOf(request), request.query), 'application/json; charset=utf-8'),
  );

  app.get(
    '/api/hotspots/export',
    {
      schema: {
        summary: 'Every study-area cell as a download: CSV (semicolons, decimal commas, UTF-8) or GeoJSON',
        tags: ['hotspots'],
        querystring: HotspotExportQuery,
        response: {
          200: {
            description: 'text/csv or application/geo+json, as an attachment',
            content: {
              'text/csv': { schema: Type.String() },
              'application/geo+json': { schema: HotspotCollection },
            },
          },
          ...errors(400, 401),
        },
      },
      config: { access: 'staff' },
    },
    async (request, reply) => {
      const format = request.query.format;
      const answer = await exportAnswer(app, staffOf(request), request.query);
      const day = new Date().toISOString().slice(0, 10);
      reply.header('content-disposition', `attachment; filename="hotspots-${day}.${format === 'csv' ? 'csv' : 'geojson'}"`);
      return send(request, reply, answer, format === 'csv' ? 'text/csv; charset=utf-8' : 'application/geo+json; charset=utf-8');
    },
  );

  app.get(
    '/api/map-config',
    {
      schema: {
        summary: 'What the map page needs to start: the base-map style, the study area’s bounds and the area boundaries',
        tags: ['hotspots'],
        querystring: NoQuery,
        response: { 200: MapConfig, ...errors(401) },
      },
      config: { access: 'staff' },
    },
    async (request) => mapConfig(app, staffOf(request)),
  );
};
