import { must, walkStopCategories, type ActionStatus, type WalkAction, type WalkStop } from '@lagesbild/shared';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import type { Actor } from '../../lib/actor';
import { HttpError } from '../../plugins/errors';
import { districtOf } from '../areas/area-geometry';
import { areaShapes } from '../areas/area-service';
import * as walks from './walk-repository';
import { stopOrNotFound, walkOrNotFound } from './walk-service';
import { ratingsOf, stopsWithDetails } from './walk-views';

/** The actions a walk's stops suggest, and the decision taken on each. */

export async function listActions(db: Kysely<Database>, actor: Actor, status: ActionStatus): Promise<WalkAction[]> {
  const [rows, areas] = await Promise.all([walks.listActions(db, actor.collaborationId, status), areaShapes(db, actor.collaborationId)]);
  const names = new Map(areas.map((a) => [a.id, a.name]));
  return rows.map((row) => {
    const areaId = districtOf(areas, row.lat, row.lon);
    return {
      walkId: row.walk_id,
      walkTitle: row.walk_title,
      walkedOn: row.walked_on,
      light: row.light,
      stopClientId: row.client_id,
      lat: row.lat,
      lon: row.lon,
      areaId,
      areaName: areaId ? (names.get(areaId) ?? null) : null,
      text: must(row.action_text, 'the action text'),
      owner: must(row.action_owner, 'the action owner'),
      ownerName: row.action_owner_name,
      status: row.action_status,
      categories: walkStopCategories(ratingsOf(row)),
    };
  });
}

export async function updateStopAction(
  db: Kysely<Database>,
  actor: Actor,
  walkId: string,
  clientId: string,
  status: ActionStatus,
): Promise<WalkStop> {
  await walkOrNotFound(db, actor, walkId);
  const stop = await stopOrNotFound(db, walkId, clientId);
  if (!stop.action_text) {
    throw new HttpError(409, 'NO_ACTION', 'the stop has no suggested action', {
      details: [{ path: 'body.actionStatus', message: 'no action to decide on' }],
    });
  }
  await walks.updateStopAction(db, stop.id, status);
  const [updated] = await stopsWithDetails(db, [await stopOrNotFound(db, walkId, clientId)]);
  return must(updated, 'the stop');
}

/** The open actions of walks this person created: theirs to adopt or dismiss (mail digest). */
export async function openActionsOwnedBy(
  db: Kysely<Database>,
  collaborationId: string,
  userId: string,
): Promise<{ walkId: string; walkTitle: string; text: string }[]> {
  const rows = await walks.openActionsOfWalksBy(db, collaborationId, userId);
  return rows.map((r) => ({ walkId: r.walk_id, walkTitle: r.walk_title, text: must(r.action_text, 'the action text') }));
}
