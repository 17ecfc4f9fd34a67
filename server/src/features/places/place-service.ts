import {
  SWEDEN_BBOX,
  geometryBbox,
  isInSweden,
  pointInGeometry,
  type AreaGeometry,
  type NamedPlace,
  type PlaceBody,
  type PlaceList,
  type UpdatePlaceBody,
} from '@lagesbild/shared';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import type { Actor } from '../../lib/actor';
import { HttpError } from '../../plugins/errors';
import { recordAudit } from '../audit/audit-repository';
import { outline } from '../areas/area-service';
import * as places from './place-repository';

const toPlace = (row: places.PlaceRow): NamedPlace => ({ id: row.id, name: row.name, lat: row.lat, lon: row.lon, pins: row.pins });

function boundsOf(geometries: AreaGeometry[]): [number, number, number, number] {
  if (geometries.length === 0) return [...SWEDEN_BBOX];
  return geometries
    .map(geometryBbox)
    .reduce(
      (a, b) => [Math.min(a[0], b[0]), Math.min(a[1], b[1]), Math.max(a[2], b[2]), Math.max(a[3], b[3])],
      [Infinity, Infinity, -Infinity, -Infinity],
    );
}

export async function listPlaces(db: Kysely<Database>, collaborationId: string): Promise<PlaceList> {
  const [rows, extent] = await Promise.all([places.listPlaces(db, collaborationId), outline(db, collaborationId)]);
  return { places: rows.map(toPlace), bounds: boundsOf(extent) };
}

/** The places residents can pick on the survey map (id, name, position), by name. */
export const placeMarkers = places.listPlaceMarkers;

async function placeOrNotFound(db: Kysely<Database>, collaborationId: string, id: string): Promise<places.PlaceRow> {
  const row = await places.findPlace(db, collaborationId, id);
  if (!row) throw new HttpError(404, 'PLACE_NOT_FOUND', 'no such place in your collaboration');
  return row;
}

async function checked(db: Kysely<Database>, collaborationId: string, place: PlaceBody, exceptId?: string): Promise<PlaceBody> {
  const name = place.name.trim().replace(/\s+/g, ' ');
  if (!name) throw new HttpError(422, 'INVALID_NAME', 'the place needs a name', { details: [{ path: 'body.name', message: 'is empty' }] });
  if (!isInSweden(place.lat, place.lon)) {
    throw new HttpError(422, 'OUTSIDE_SWEDEN', 'the place is not in Sweden; check latitude and longitude (WGS 84, e.g. 57.18, 14.04)', {
      details: [{ path: 'body.lat', message: 'is outside Sweden' }],
    });
  }
  // Where places may lie: the collaboration's boundary, else its districts; none → anywhere in Sweden.
  const extent = await outline(db, collaborationId);
  if (extent.length > 0 && !extent.some((g) => pointInGeometry(place.lon, place.lat, g))) {
    throw new HttpError(422, 'OUTSIDE_AREA', "the place is outside the collaboration's area", {
      details: [{ path: 'body.lat', message: 'is outside the area' }],
    });
  }
  if (await places.nameTaken(db, collaborationId, name, exceptId)) {
    throw new HttpError(409, 'PLACE_NAME_TAKEN', `there is already a place called "${name}"`, {
      details: [{ path: 'body.name', message: 'already in use' }],
    });
  }
  return { name, lat: place.lat, lon: place.lon };
}

export async function createPlace(db: Kysely<Database>, actor: Actor, body: PlaceBody): Promise<NamedPlace> {
  return db.transaction().execute(async (trx) => {
    const id = await places.insertPlace(trx, actor.collaborationId, await checked(trx, actor.collaborationId, body));
    await recordAudit(trx, {
      collaborationId: actor.collaborationId,
      actorUserId: actor.userId,
      action: 'place.create',
      targetType: 'named_place',
      targetId: id,
    });
    return toPlace(await placeOrNotFound(trx, actor.collaborationId, id));
  });
}

export async function updatePlace(db: Kysely<Database>, actor: Actor, id: string, body: UpdatePlaceBody): Promise<NamedPlace> {
  return db.transaction().execute(async (trx) => {
    const existing = await placeOrNotFound(trx, actor.collaborationId, id);
    const merged = { name: body.name ?? existing.name, lat: body.lat ?? existing.lat, lon: body.lon ?? existing.lon };
    await places.updatePlace(trx, actor.collaborationId, id, await checked(trx, actor.collaborationId, merged, id));
    await recordAudit(trx, {
      collaborationId: actor.collaborationId,
      actorUserId: actor.userId,
      action: 'place.update',
      targetType: 'named_place',
      targetId: id,
    });
    return toPlace(await placeOrNotFound(trx, actor.collaborationId, id));
  });
}

export async function deletePlace(db: Kysely<Database>, actor: Actor, id: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const existing = await placeOrNotFound(trx, actor.collaborationId, id);
    await places.deletePlace(trx, actor.collaborationId, id);
    await recordAudit(trx, {
      collaborationId: actor.collaborationId,
      actorUserId: actor.userId,
      action: 'place.delete',
      targetType: 'named_place',
      targetId: id,
      details: { pins: existing.pins },
    });
  });
}
