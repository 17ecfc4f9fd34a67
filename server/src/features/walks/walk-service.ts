import {
  STOP_MAX_DISTANCE_M,
  type CreateWalkBody,
  type UpdateWalkBody,
  type WalkDetail,
  type WalkList,
  type WalkSummary,
} from '@lagesbild/shared';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import type { Actor } from '../../lib/actor';
import { HttpError } from '../../plugins/errors';
import { recordAudit } from '../audit/audit-repository';
import { extentOf, unionBbox, type AreaRecord } from '../areas/area-geometry';
import { areaShapes } from '../areas/area-service';
import { syncStopPoints } from './stop-points';
import * as walks from './walk-repository';
import type { StopRow, WalkRow } from './walk-repository';
import { stopsWithDetails, toWalkSummary } from './walk-views';

/**
 * Safety walks themselves, and the look-ups every walk request starts from. Beside it: stops in
 * `walk-stop-service.ts`, photos in `walk-photo-service.ts`, suggested actions in
 * `walk-action-service.ts`, the protocol in `walk-export-service.ts`.
 */

export async function walkOrNotFound(db: Kysely<Database>, actor: Actor, walkId: string): Promise<WalkRow> {
  // Another collaboration's walk is "not found": its existence is not ours to reveal.
  const row = await walks.findWalk(db, actor.collaborationId, walkId);
  if (!row) throw new HttpError(404, 'WALK_NOT_FOUND', 'no such safety walk in your collaboration');
  return row;
}

export async function stopOrNotFound(db: Kysely<Database>, walkId: string, clientId: string): Promise<StopRow> {
  const row = await walks.findStop(db, walkId, clientId);
  if (!row) throw new HttpError(404, 'STOP_NOT_FOUND', 'the walk has no stop with this id (upload the stop before its photos)');
  return row;
}

function areaOptions(areas: readonly AreaRecord[]) {
  return areas.map((a) => ({ id: a.id, name: a.name, kind: a.kind }));
}

function unknownArea(): HttpError {
  return new HttpError(422, 'UNKNOWN_AREA', 'the area is not one of your collaboration’s areas', {
    details: [{ path: 'body.areaId', message: 'unknown area' }],
  });
}

export async function listWalks(db: Kysely<Database>, actor: Actor): Promise<WalkList> {
  const [rows, areas] = await Promise.all([walks.listWalks(db, actor.collaborationId), areaShapes(db, actor.collaborationId)]);
  return { walks: rows.map(toWalkSummary), areas: areaOptions(areas) };
}

const cleanPartners = (partners: string[] | undefined) => [...new Set((partners ?? []).map((p) => p.trim()).filter(Boolean))];

export const blankToNull = (value: string | null | undefined) =>
  value === undefined || value === null || value.trim() === '' ? null : value.trim();

export async function createWalk(db: Kysely<Database>, actor: Actor, body: CreateWalkBody): Promise<WalkSummary> {
  const areaId = body.areaId ?? null;
  const route = blankToNull(body.routeDescription);
  if (!areaId && !route) {
    throw new HttpError(422, 'ROUTE_OR_AREA_REQUIRED', 'give the walk an area or describe its route', {
      details: [{ path: 'body.areaId', message: 'an area or a route description is required' }],
    });
  }
  return db.transaction().execute(async (trx) => {
    if (areaId) {
      const areas = await areaShapes(trx, actor.collaborationId);
      if (!areas.some((a) => a.id === areaId)) throw unknownArea();
    }
    const id = await walks.insertWalk(trx, {
      collaboration_id: actor.collaborationId,
      title: body.title.trim(),
      area_id: areaId,
      route_description: route,
      walked_on: body.walkedOn,
      light: body.light,
      participants: body.participants,
      partners: cleanPartners(body.partners),
      status: body.status ?? 'planned',
      created_by: actor.userId,
    });
    await recordAudit(trx, {
      collaborationId: actor.collaborationId,
      actorUserId: actor.userId,
      action: 'walk.create',
      targetType: 'safety_walk',
      targetId: id,
      details: { light: body.light, participants: body.participants },
    });
    return toWalkSummary(await walkOrNotFound(trx, actor, id));
  });
}

export async function updateWalk(db: Kysely<Database>, actor: Actor, walkId: string, body: UpdateWalkBody): Promise<WalkSummary> {
  return db.transaction().execute(async (trx) => {
    const walk = await walkOrNotFound(trx, actor, walkId);
    const areas = await areaShapes(trx, actor.collaborationId);
    if (body.areaId && !areas.some((a) => a.id === body.areaId)) throw unknownArea();
    const areaId = body.areaId !== undefined ? body.areaId : walk.area_id;
    const route = body.routeDescription !== undefined ? blankToNull(body.routeDescription) : walk.route_description;
    if (!areaId && !route) {
      throw new HttpError(422, 'ROUTE_OR_AREA_REQUIRED', 'a walk keeps an area or a route description', {
        details: [{ path: 'body.routeDescription', message: 'an area or a route description is required' }],
      });
    }
    await walks.updateWalk(trx, walkId, {
      ...(body.title !== undefined ? { title: body.title.trim() } : {}),
      ...(body.areaId !== undefined ? { area_id: body.areaId } : {}),
      ...(body.routeDescription !== undefined ? { route_description: route } : {}),
      ...(body.walkedOn !== undefined ? { walked_on: body.walkedOn } : {}),
      ...(body.light !== undefined ? { light: body.light } : {}),
      ...(body.participants !== undefined ? { participants: body.participants } : {}),
      ...(body.partners !== undefined ? { partners: cleanPartners(body.partners) } : {}),
      ...(body.status !== undefined ? { status: body.status } : {}),
    });
    // Date and light set the stops' time in the point store.
    const timing =
      (body.walkedOn !== undefined && body.walkedOn !== walk.walked_on) || (body.light !== undefined && body.light !== walk.light);
    const updated = await walkOrNotFound(trx, actor, walkId);
    if (timing) {
      for (const stop of await walks.listStops(trx, walkId)) await syncStopPoints(trx, actor.collaborationId, updated, stop, areas);
    }
    await recordAudit(trx, {
      collaborationId: actor.collaborationId,
      actorUserId: actor.userId,
      action: 'walk.update',
      targetType: 'safety_walk',
      targetId: walkId,
      details: { fields: Object.keys(body).sort().join(',') },
    });
    return toWalkSummary(updated);
  });
}

export async function getWalk(db: Kysely<Database>, actor: Actor, walkId: string): Promise<WalkDetail> {
  const walk = await walkOrNotFound(db, actor, walkId);
  const [rows, areas] = await Promise.all([walks.listStops(db, walkId), areaShapes(db, actor.collaborationId)]);
  const area = walk.area_id ? areas.find((a) => a.id === walk.area_id) : undefined;
  return {
    walk: toWalkSummary(walk),
    stops: await stopsWithDetails(db, rows),
    bounds: area ? area.bbox : unionBbox(extentOf(areas)),
    maxDistanceMetres: STOP_MAX_DISTANCE_M,
  };
}
