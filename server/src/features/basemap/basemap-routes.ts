import { createReadStream, type ReadStream } from 'node:fs';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { BaseMapSource } from '@lagesbild/shared';
import { Type } from 'typebox';
import { errors } from '../../lib/staff-route-kit';
import { checkArchive, parseRange, type BasemapArchive } from './basemap-archive';

export const PMTILES_PATH = '/api/public/base-map/tiles.pmtiles';
const OSM_ATTRIBUTION = '© OpenStreetMap contributors';

const Binary = {
  description: 'bytes of the PMTiles archive (all of it, or the range asked for)',
  content: { 'application/vnd.pmtiles': { schema: Type.Unsafe<ReadStream>({ type: 'string', format: 'binary' }) } },
};

/**
 * The self-hosted base map: which base map the maps draw, and the OpenStreetMap extract itself,
 * served by range so a browser reads only the tiles in view. Public: residents' survey maps use it.
 */
export const basemapRoutes: FastifyPluginAsyncTypebox = async (app) => {
  let archive: BasemapArchive | null = null;
  const configured = app.config.mapPmtiles;
  if (configured) {
    const checked = await checkArchive(configured);
    if (typeof checked === 'string') app.log.warn(checked);
    else archive = checked;
  }

  app.get(
    '/api/public/base-map',
    {
      schema: {
        summary: 'Which base map the maps draw: the served extract, MAP_STYLE_URL, or neither (the fallback)',
        tags: ['maps'],
        querystring: Type.Object({}, { additionalProperties: false }),
        response: { 200: BaseMapSource },
      },
      config: { access: 'public' },
    },
    async (_request, reply) => {
      reply.header('cache-control', 'no-cache');
      return {
        pmtilesUrl: archive ? PMTILES_PATH : null,
        styleUrl: archive ? null : (app.config.mapStyleUrl ?? null),
        attribution: archive ? OSM_ATTRIBUTION : null,
      };
    },
  );

  app.get(
    PMTILES_PATH,
    {
      schema: {
        summary: 'The OpenStreetMap extract (MAP_PMTILES); answers `Range: bytes=…` with 206',
        tags: ['maps'],
        querystring: Type.Object({}, { additionalProperties: false }),
        response: { 200: Binary, 206: Binary, 416: Type.Null(), ...errors(404) },
      },
      config: { access: 'public' },
    },
    async (request, reply) => {
      if (!archive) return reply.status(404).send({ error: 'NOT_FOUND', message: 'no base map is served here' });
      const { path, size, etag } = archive;
      reply.header('accept-ranges', 'bytes').header('etag', etag).header('cache-control', 'public, max-age=3600');
      reply.type('application/vnd.pmtiles');
      const range = parseRange(request.headers.range, size);
      if (range === 'unsatisfiable') return reply.status(416).header('content-range', `bytes */${size}`).send(null);
      if (range === 'whole') return reply.header('content-length', size).send(createReadStream(path));
      reply.status(206).header('content-range', `bytes ${range.start}-${range.end}/${size}`);
      return reply.header('content-length', range.end - range.start + 1).send(createReadStream(path, range));
    },
  );
};
