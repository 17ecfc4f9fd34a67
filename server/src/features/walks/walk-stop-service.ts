import { createHash } from 'node:crypto';
import { must, wgs84ToSweref, type PutStopBody, type WalkStop } from '@lagesbild/shared';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import type { Actor } from '../../lib/actor';
import { canonicalJson } from '../../lib/canonical-json';
import { HttpError } from '../../plugins/errors';
import { recordAudit } from '../audit/audit-repository';
import { areaShapes } from '../areas/area-service';
import { checkStopLocation } from './stop-location';
import { syncStopPoints } from './stop-points';
import * as walks from './walk-repository';
import type { StopRow } from './walk-repository';
import { blankToNull, stopOrNotFound, walkOrNotFound } from './walk-service';
import { ratingsOf, stopsWithDetails } from './walk-views';

/** The stops of a walk, uploaded by phones that may send the same stop more than once. */

function normalizeStop(body: PutStopBody) {
  return {
    lat: body.lat,
    lon: body.lon,
    ratings: ratingsOf(body.ratings),
    notes: blankToNull(body.notes),
    action: body.action ? { text: body.action.text.trim(), owner: body.action.owner, ownerName: blankToNull(body.action.ownerName) } : null,
    recordedAt: body.recordedAt ? new Date(body.recordedAt).toISOString() : null,
  };
}

function stopConflict(): HttpError {
  return new HttpError(
    409,
    'STOP_CONFLICT',
    'A different stop is already stored under this id. Recorded stops are not overwritten; delete it first to record it again.',
  );
}

/**
 * Stores a stop exactly once: the first upload of a client id creates it (created: true); the
 * same content again answers with the stored stop (created: false), so a phone that syncs twice
 * stores once; other content under the same id is refused (409).
 */
export async function putStop(
  db: Kysely<Database>,
  actor: Actor,
  walkId: string,
  clientId: string,
  body: PutStopBody,
): Promise<{ stop: WalkStop; created: boolean }> {
  const walk = await walkOrNotFound(db, actor, walkId);
  const normalized = normalizeStop(body);
  const hash = createHash('sha256').update(canonicalJson(normalized)).digest('base64url');
  const replay = async (row: StopRow) => {
    if (row.body_hash !== hash) throw stopConflict();
    return { stop: must((await stopsWithDetails(db, [row]))[0], 'the stop'), created: false };
  };
  const existing = await walks.findStop(db, walkId, clientId);
  if (existing) return replay(existing);

  const areas = await areaShapes(db, actor.collaborationId);
  checkStopLocation(walk, areas, body.lat, body.lon);
  const [x, y] = wgs84ToSweref(body.lat, body.lon);
  const created = await db.transaction().execute(async (trx) => {
    const id = await walks.insertStopOnce(trx, {
      walk_id: walkId,
      client_id: clientId,
      body_hash: hash,
      lat: body.lat,
      lon: body.lon,
      x,
      y,
      ...normalized.ratings,
      notes: normalized.notes,
      action_text: normalized.action?.text ?? null,
      action_owner: normalized.action?.owner ?? null,
      action_owner_name: normalized.action?.ownerName ?? null,
      recorded_at: normalized.recordedAt,
      created_by: actor.userId,
    });
    if (!id) return false; // the same id arrived twice at once: the other one stored it
    await syncStopPoints(
      trx,
      actor.collaborationId,
      walk,
      {
        id,
        lat: body.lat,
        lon: body.lon,
        x,
        y,
        recorded_at: normalized.recordedAt ? new Date(normalized.recordedAt) : null,
        ...normalized.ratings,
      },
      areas,
    );
    return true;
  });
  const row = await stopOrNotFound(db, walkId, clientId);
  if (!created) return replay(row);
  return { stop: must((await stopsWithDetails(db, [row]))[0], 'the stop'), created: true };
}

export async function deleteStop(db: Kysely<Database>, actor: Actor, walkId: string, clientId: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await walkOrNotFound(trx, actor, walkId);
    const stop = await stopOrNotFound(trx, walkId, clientId);
    await walks.deleteStop(trx, stop.id);
    await recordAudit(trx, {
      collaborationId: actor.collaborationId,
      actorUserId: actor.userId,
      action: 'walk.stop_delete',
      targetType: 'safety_walk',
      targetId: walkId,
      details: { stop: clientId },
    });
  });
}
