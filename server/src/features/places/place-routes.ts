import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { EmptyBody, IdParams, NamedPlace, NoQuery, OkResponse, PlaceBody, PlaceList, UpdatePlaceBody } from '@lagesbild/shared';
import { actorOf, changed, denied } from '../../lib/staff-route-kit';
import { COORDINATORS } from '../../plugins/access';
import { createPlace, deletePlace, listPlaces, updatePlace } from './place-service';

/** Named places: the map question's non-map alternative ("choose a place from the list"). */
export const placeRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/places',
    {
      schema: {
        summary: "The collaboration's named places and the extent they must lie in",
        tags: ['places'],
        querystring: NoQuery,
        response: { 200: PlaceList, ...denied },
      },
      config: { access: 'staff' },
    },
    async (request) => listPlaces(app.db, actorOf(request).collaborationId),
  );

  app.post(
    '/api/places',
    {
      schema: {
        summary: 'Adds a named place',
        tags: ['places'],
        querystring: NoQuery,
        body: PlaceBody,
        response: { 201: NamedPlace, ...changed },
      },
      config: { access: COORDINATORS },
    },
    async (request, reply) => {
      const place = await createPlace(app.db, actorOf(request), request.body);
      // Every open campaign of the collaboration lists its places: drop the cached copies.
      app.campaignContexts.clear();
      return reply.status(201).send(place);
    },
  );

  app.patch(
    '/api/places/:id',
    {
      schema: {
        summary: 'Renames or moves a named place',
        tags: ['places'],
        params: IdParams,
        querystring: NoQuery,
        body: UpdatePlaceBody,
        response: { 200: NamedPlace, ...changed },
      },
      config: { access: COORDINATORS },
    },
    async (request) => {
      const place = await updatePlace(app.db, actorOf(request), request.params.id, request.body);
      app.campaignContexts.clear();
      return place;
    },
  );

  app.delete(
    '/api/places/:id',
    {
      schema: {
        summary: 'Removes a named place (answers that chose it keep its coordinates)',
        tags: ['places'],
        params: IdParams,
        querystring: NoQuery,
        body: EmptyBody,
        response: { 200: OkResponse, ...changed },
      },
      config: { access: COORDINATORS },
    },
    async (request) => {
      await deletePlace(app.db, actorOf(request), request.params.id);
      app.campaignContexts.clear();
      return { ok: true as const };
    },
  );
};
