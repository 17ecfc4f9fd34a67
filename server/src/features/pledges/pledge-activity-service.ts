import type { ActivityBody, ActivityUpdateBody, PledgeActivity, UpdateActivityBody } from '@lagesbild/shared';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import type { Actor } from '../../lib/actor';
import { HttpError } from '../../plugins/errors';
import { areaShapes } from '../areas/area-service';
import { recordAudit } from '../audit/audit-repository';
import { isoDay, pledgeOrNotFound, requireDraft, today } from './pledge-guards';
import * as repo from './pledge-repository';
import { getPledge } from './pledge-service';

/**
 * The activities of a pledge: planned while it is a draft, followed up with dated updates once
 * it is signed.
 */

type Db = Kysely<Database>;

async function activityValues(db: Db, actor: Actor, row: repo.PledgeRow, body: ActivityBody): Promise<repo.ActivityValues> {
  const what = body.what.trim();
  if (!what) throw new HttpError(422, 'EMPTY_WHAT', 'say what will be done', { details: [{ path: 'body.what', message: 'is empty' }] });
  const name = body.who.name.trim();
  if (body.who.kind === 'other' && !name) {
    throw new HttpError(422, 'RESPONSIBLE_NAME_REQUIRED', 'name the other actor who is responsible (e.g. the housing company)', {
      details: [{ path: 'body.who.name', message: 'is required when who is "other"' }],
    });
  }
  const category = body.problemCategory ?? null;
  if (category) {
    const problems = await repo.listProblems(db, [row.id]);
    if (!problems.some((p) => p.category === category)) {
      throw new HttpError(422, 'UNKNOWN_PROBLEM', `"${category}" is not one of this pledge's problems`, {
        details: [{ path: 'body.problemCategory', message: 'not a problem of the pledge' }],
      });
    }
  }
  const where = body.where ?? { areaIds: [], cellIds: [], places: [] };
  if (where.areaIds.length > 0) {
    const known = new Set((await areaShapes(db, actor.collaborationId)).map((a) => a.id));
    const unknown = where.areaIds.findIndex((a) => !known.has(a));
    if (unknown >= 0) {
      throw new HttpError(422, 'UNKNOWN_AREA', 'an area is not part of your collaboration', {
        details: [{ path: `body.where.areaIds.${unknown}`, message: 'unknown area' }],
      });
    }
  }
  const places = where.places.map((p) => p.trim());
  const blankPlace = places.findIndex((p) => !p);
  if (blankPlace >= 0)
    throw new HttpError(422, 'EMPTY_PLACE', 'a place description is empty', {
      details: [{ path: `body.where.places.${blankPlace}`, message: 'is empty' }],
    });
  const followUpOn = body.followUpOn ?? null;
  if (followUpOn !== null) {
    if (followUpOn < `${row.year}-01-01`) {
      throw new HttpError(422, 'FOLLOW_UP_BEFORE_YEAR', `the follow-up date must be in the pledge year ${row.year} or later`, {
        details: [{ path: 'body.followUpOn', message: `before ${row.year}-01-01` }],
      });
    }
    if (followUpOn > `${row.year + 1}-12-31`) {
      throw new HttpError(
        422,
        'FOLLOW_UP_TOO_LATE',
        `the follow-up date must be at the latest in ${row.year + 1}, the year after the pledge`,
        {
          details: [{ path: 'body.followUpOn', message: `after ${row.year + 1}-12-31` }],
        },
      );
    }
  }
  return {
    problemCategory: category,
    what,
    responsibleKind: body.who.kind,
    responsibleName: name,
    areaIds: where.areaIds,
    cellIds: where.cellIds,
    places,
    timing: (body.when ?? '').trim(),
    indicator: (body.indicator ?? '').trim(),
    target: (body.target ?? '').trim(),
    followUpOn,
  };
}

export async function addActivity(db: Db, actor: Actor, id: string, body: ActivityBody): Promise<PledgeActivity> {
  const activityId = await db.transaction().execute(async (trx) => {
    const row = await pledgeOrNotFound(trx, actor, id, true);
    requireDraft(row);
    const values = await activityValues(trx, actor, row, body);
    const activityId = await repo.insertActivity(trx, id, values);
    await repo.updatePledgeRow(trx, id, actor.userId, {});
    await recordAudit(trx, {
      collaborationId: actor.collaborationId,
      actorUserId: actor.userId,
      action: 'pledge.activity.create',
      targetType: 'pledge_activity',
      targetId: activityId,
      details: { pledgeId: id, areas: values.areaIds.length, cells: values.cellIds.length },
    });
    return activityId;
  });
  return activityOf(db, actor, id, activityId);
}

async function activityOf(db: Db, actor: Actor, id: string, activityId: string): Promise<PledgeActivity> {
  const pledge = await getPledge(db, actor.collaborationId, id, 'sv');
  const activity = pledge.activities.find((a) => a.id === activityId);
  if (!activity) throw new HttpError(404, 'ACTIVITY_NOT_FOUND', 'no such activity in this pledge');
  return activity;
}

async function activityOrNotFound(db: Db, pledgeId: string, activityId: string) {
  const activity = await repo.findActivity(db, pledgeId, activityId);
  if (!activity) throw new HttpError(404, 'ACTIVITY_NOT_FOUND', 'no such activity in this pledge');
  return activity;
}

export async function updateActivity(
  db: Db,
  actor: Actor,
  id: string,
  activityId: string,
  body: UpdateActivityBody,
): Promise<PledgeActivity> {
  await db.transaction().execute(async (trx) => {
    const row = await pledgeOrNotFound(trx, actor, id, true);
    const current = await activityOrNotFound(trx, id, activityId);
    requireDraft(row);
    const merged: ActivityBody = {
      problemCategory: body.problemCategory !== undefined ? body.problemCategory : current.problem_category,
      what: body.what ?? current.what,
      who: body.who ?? { kind: current.responsible_kind, name: current.responsible_name },
      where: body.where ?? { areaIds: current.area_ids, cellIds: current.cell_ids, places: current.places },
      when: body.when ?? current.timing,
      indicator: body.indicator ?? current.indicator,
      target: body.target ?? current.target,
      followUpOn: body.followUpOn !== undefined ? body.followUpOn : current.follow_up_on,
    };
    const values = await activityValues(trx, actor, row, merged);
    await repo.updateActivityRow(trx, activityId, values);
    await repo.updatePledgeRow(trx, id, actor.userId, {});
    await recordAudit(trx, {
      collaborationId: actor.collaborationId,
      actorUserId: actor.userId,
      action: 'pledge.activity.update',
      targetType: 'pledge_activity',
      targetId: activityId,
      details: { pledgeId: id, fields: Object.keys(body).length },
    });
  });
  return activityOf(db, actor, id, activityId);
}

export async function deleteActivity(db: Db, actor: Actor, id: string, activityId: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const row = await pledgeOrNotFound(trx, actor, id, true);
    await activityOrNotFound(trx, id, activityId);
    requireDraft(row);
    await repo.deleteActivityRow(trx, activityId);
    await repo.updatePledgeRow(trx, id, actor.userId, {});
    await recordAudit(trx, {
      collaborationId: actor.collaborationId,
      actorUserId: actor.userId,
      action: 'pledge.activity.delete',
      targetType: 'pledge_activity',
      targetId: activityId,
      details: { pledgeId: id },
    });
  });
}

// ---------------------------------------------------------------------------------------------
// Follow-up

export async function addActivityUpdate(
  db: Db,
  actor: Actor,
  id: string,
  activityId: string,
  body: ActivityUpdateBody,
): Promise<PledgeActivity> {
  await db.transaction().execute(async (trx) => {
    const row = await pledgeOrNotFound(trx, actor, id, true);
    await activityOrNotFound(trx, id, activityId);
    if (row.status === 'followed_up')
      throw new HttpError(409, 'FOLLOW_UP_CLOSED', 'the pledge is followed up and closed; revise it to carry on');
    if (row.status !== 'signed') throw new HttpError(409, 'NOT_SIGNED', 'follow-up updates are recorded once the pledge is signed');
    if (body.on > today())
      throw new HttpError(422, 'DATE_IN_FUTURE', 'an update cannot be dated in the future', {
        details: [{ path: 'body.on', message: 'after today' }],
      });
    const signedOn = row.signed_at ? isoDay(row.signed_at) : null;
    if (signedOn && body.on < signedOn) {
      throw new HttpError(422, 'BEFORE_SIGNING', `an update cannot be dated before the pledge was signed (${signedOn})`, {
        details: [{ path: 'body.on', message: `before ${signedOn}` }],
      });
    }
    const updateId = await repo.insertUpdate(trx, {
      activityId,
      on: body.on,
      status: body.status,
      note: body.note.trim(),
      userId: actor.userId,
    });
    await recordAudit(trx, {
      collaborationId: actor.collaborationId,
      actorUserId: actor.userId,
      action: 'pledge.activity.follow_up',
      targetType: 'activity_update',
      targetId: updateId,
      details: { pledgeId: id, activityId, status: body.status },
    });
  });
  return activityOf(db, actor, id, activityId);
}
