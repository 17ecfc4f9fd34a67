import {
  categoryLabel,
  pledgeTransitions,
  type ActivityBody,
  type ActivityUpdateBody,
  type CategoryCode,
  type CreatePledgeBody,
  type Parties,
  type Pledge,
  type PledgeActivity,
  type PledgeStatus,
  type PledgeSummary,
  type ProblemEntry,
  type ProblemPicture,
  type ReviseBody,
  type TransitionBody,
  type UpdateActivityBody,
  type UpdatePledgeBody,
} from '@lagesbild/shared';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { HttpError } from '../../plugins/errors';
import { recordAudit } from '../audit/audit-repository';
import { findSnapshot } from '../problem-picture/snapshot-repository';
import * as repo from './pledge-repository';
import { backgroundText } from './pledge-text';

/**
 * The rules of the citizen pledge. Only a draft is edited; an agreed pledge goes back to draft
 * to be changed; a signed (or followed-up) pledge is never changed again — it is revised into
 * a new draft version that points at it. Follow-up updates are recorded on signed pledges.
 * Every change is audit-logged with identifiers and counts only.
 */

type Db = Kysely<Database>;
export type Locale = 'sv' | 'en';

export interface Actor {
  userId: string;
  collaborationId: string;
}

/** Evidence is stored in both languages, like the snapshot it comes from. */
export interface StoredEvidence {
  sv: ProblemEntry;
  en: ProblemEntry;
}

interface StoredSnapshot {
  sv: ProblemPicture;
  en: ProblemPicture;
}

const isoDay = (d: Date) => d.toISOString().slice(0, 10);
const today = () => isoDay(new Date());

export function notFound(): HttpError {
  return new HttpError(404, 'PLEDGE_NOT_FOUND', 'no such pledge in your collaboration');
}

async function pledgeOrNotFound(db: Db, actor: Actor, id: string, lock = false): Promise<repo.PledgeRow> {
  // Another collaboration's pledge is "not found": its existence is not ours to reveal.
  const row = await repo.findPledge(db, actor.collaborationId, id, lock);
  if (!row) throw notFound();
  return row;
}

/** Refuses any change to a pledge that is not a draft, saying what to do instead. */
function requireDraft(row: repo.PledgeRow): void {
  if (row.status === 'draft') return;
  if (row.status === 'agreed') {
    throw new HttpError(409, 'PLEDGE_AGREED', 'the pledge is agreed and locked: move it back to draft before changing it');
  }
  throw new HttpError(409, 'PLEDGE_SIGNED', 'a signed pledge can never be changed: revise it to make a new draft version');
}

async function snapshotOrNotFound(db: Db, collaborationId: string, id: string) {
  const row = await findSnapshot(db, collaborationId, id);
  if (!row) {
    throw new HttpError(404, 'SNAPSHOT_NOT_FOUND', 'no such saved lägesbild in your collaboration', { details: [{ path: 'body.snapshotId', message: 'unknown snapshot' }] });
  }
  return { ...row, payload: row.payload as StoredSnapshot };
}

function evidenceOf(snapshot: StoredSnapshot, category: CategoryCode, index: number, path: string): StoredEvidence {
  const sv = snapshot.sv.problems.find((p) => p.category === category);
  const en = snapshot.en.problems.find((p) => p.category === category);
  if (!sv || !en) {
    throw new HttpError(422, 'CATEGORY_NOT_IN_SNAPSHOT', `the lägesbild has no figures for "${category}"`, { details: [{ path: `${path}.${index}`, message: 'not in the snapshot' }] });
  }
  return { sv, en };
}

async function defaultParties(db: Db, collaborationId: string): Promise<Parties> {
  const info = await repo.collaborationInfo(db, collaborationId);
  return {
    municipality: { name: info.municipalityName ?? `${info.name} kommun`, signatory: 'Kommunstyrelsens ordförande' },
    police: { name: info.police_district, signatory: 'Lokalpolisområdeschef' },
    others: [],
  };
}

// ---------------------------------------------------------------------------------------------
// Reading

export async function listPledges(db: Db, collaborationId: string): Promise<PledgeSummary[]> {
  const rows = await repo.listPledges(db, collaborationId);
  return rows.map((r) => ({
    id: r.id,
    year: r.year,
    title: r.title,
    status: r.status,
    version: r.version,
    predecessorId: r.predecessor_id,
    successorId: r.successor_id ?? null,
    problems: r.problems ?? 0,
    activities: r.activities ?? 0,
    updatedAt: r.updated_at.toISOString(),
    signedAt: r.signed_at?.toISOString() ?? null,
  }));
}

export function activityStatusOf(updates: { status: PledgeActivity['status'] }[]): PledgeActivity['status'] {
  return updates.at(-1)?.status ?? 'planned';
}

export async function getPledge(db: Db, collaborationId: string, id: string, locale: Locale): Promise<Pledge> {
  const row = await repo.findPledge(db, collaborationId, id);
  if (!row) throw notFound();
  const [problems, activities, chain, areas] = await Promise.all([
    repo.listProblems(db, [id]),
    repo.listActivities(db, [id]),
    repo.versionChain(db, collaborationId, id),
    repo.listAreas(db, collaborationId),
  ]);
  const updates = await repo.listUpdates(db, activities.map((a) => a.id));
  const areaName = new Map(areas.map((a) => [a.id, a.name]));
  return {
    id: row.id,
    year: row.year,
    title: row.title,
    status: row.status,
    version: row.version,
    predecessorId: row.predecessor_id,
    successorId: row.successor_id ?? null,
    snapshot: row.snapshot_id && row.snapshot_title ? { id: row.snapshot_id, title: row.snapshot_title, from: row.baseline_from, to: row.baseline_to } : null,
    baseline: { from: row.baseline_from, to: row.baseline_to },
    parties: row.parties as Parties,
    background: row.background,
    problems: problems.map((p) => ({ category: p.category, label: categoryLabel(p.category, locale), evidence: (p.evidence as StoredEvidence)[locale] })),
    activities: activities.map((a) => {
      const own = updates
        .filter((u) => u.activity_id === a.id)
        .map((u) => ({ id: u.id, on: u.happened_on, status: u.status, note: u.note, by: u.by, createdAt: u.created_at.toISOString() }));
      return {
        id: a.id,
        problemCategory: a.problem_category,
        what: a.what,
        who: { kind: a.responsible_kind, name: a.responsible_name },
        where: {
          areaIds: a.area_ids,
          areas: a.area_ids.filter((areaId) => areaName.has(areaId)).map((areaId) => ({ id: areaId, name: areaName.get(areaId)! })),
          cellIds: a.cell_ids,
          places: a.places,
        },
        when: a.timing,
        indicator: a.indicator,
        target: a.target,
        followUpOn: a.follow_up_on,
        status: activityStatusOf(own),
        updates: own,
      };
    }),
    versions: chain,
    createdAt: row.created_at.toISOString(),
    createdBy: row.created_by_name ?? null,
    updatedAt: row.updated_at.toISOString(),
    updatedBy: row.updated_by_name ?? null,
    agreedAt: row.agreed_at?.toISOString() ?? null,
    signedAt: row.signed_at?.toISOString() ?? null,
    followedUpAt: row.followed_up_at?.toISOString() ?? null,
  };
}

// ---------------------------------------------------------------------------------------------
// Drafts

export async function createPledge(db: Db, actor: Actor, body: CreatePledgeBody, locale: Locale): Promise<Pledge> {
  const id = await db.transaction().execute(async (trx) => {
    const snapshot = await snapshotOrNotFound(trx, actor.collaborationId, body.snapshotId);
    const problems = body.categories.map((category, i) => ({ category, evidence: evidenceOf(snapshot.payload, category, i, 'body.categories') }));
    const info = await repo.collaborationInfo(trx, actor.collaborationId);
    const title = body.title?.trim() || `Medborgarlöfte ${body.year} – ${info.name}`;
    const id = await repo.insertPledge(trx, {
      collaborationId: actor.collaborationId,
      year: body.year,
      title,
      version: 1,
      predecessorId: null,
      snapshotId: snapshot.id,
      baselineFrom: snapshot.period_from,
      baselineTo: snapshot.period_to,
      parties: await defaultParties(trx, actor.collaborationId),
      background: backgroundText({ year: body.year, snapshotTitle: snapshot.title, picture: snapshot.payload.sv, categories: body.categories }),
      userId: actor.userId,
    });
    await repo.replaceProblems(trx, id, problems);
    await recordAudit(trx, {
      collaborationId: actor.collaborationId,
      actorUserId: actor.userId,
      action: 'pledge.create',
      targetType: 'pledge',
      targetId: id,
      details: { snapshotId: snapshot.id, year: body.year, problems: problems.length },
    });
    return id;
  });
  return getPledge(db, actor.collaborationId, id, locale);
}

export async function updatePledge(db: Db, actor: Actor, id: string, body: UpdatePledgeBody, locale: Locale): Promise<Pledge> {
  await db.transaction().execute(async (trx) => {
    const row = await pledgeOrNotFound(trx, actor, id, true);
    requireDraft(row);
    if (body.title !== undefined && !body.title.trim()) {
      throw new HttpError(422, 'EMPTY_TITLE', 'the pledge needs a title', { details: [{ path: 'body.title', message: 'is empty' }] });
    }
    if (body.parties) {
      const parties = [body.parties.municipality, body.parties.police, ...body.parties.others];
      const blank = parties.findIndex((p) => !p.name.trim());
      if (blank >= 0) {
        const path = blank === 0 ? 'body.parties.municipality.name' : blank === 1 ? 'body.parties.police.name' : `body.parties.others.${blank - 2}.name`;
        throw new HttpError(422, 'EMPTY_PARTY', 'every party needs a name', { details: [{ path, message: 'is empty' }] });
      }
    }
    if (body.categories) {
      const activities = await repo.listActivities(trx, [id]);
      const orphaned = activities.filter((a) => a.problem_category && !body.categories!.includes(a.problem_category));
      if (orphaned.length > 0) {
        const category = orphaned[0]!.problem_category!;
        throw new HttpError(409, 'PROBLEM_IN_USE', `activities answer the problem "${category}": change or remove them before removing the problem`, {
          details: [{ path: 'body.categories', message: `"${category}" has ${orphaned.filter((a) => a.problem_category === category).length} activities` }],
        });
      }
      const current = await repo.listProblems(trx, [id]);
      const added = body.categories.filter((c) => !current.some((p) => p.category === c));
      let snapshot: StoredSnapshot | undefined;
      if (added.length > 0) {
        if (!row.snapshot_id) throw new HttpError(409, 'SNAPSHOT_GONE', 'the lägesbild of this pledge no longer exists, so no problems can be added');
        snapshot = (await snapshotOrNotFound(trx, actor.collaborationId, row.snapshot_id)).payload;
      }
      await repo.replaceProblems(
        trx,
        id,
        body.categories.map((category, i) => ({
          category,
          evidence: current.find((p) => p.category === category)?.evidence ?? evidenceOf(snapshot!, category, i, 'body.categories'),
        })),
      );
    }
    await repo.updatePledgeRow(trx, id, actor.userId, {
      ...(body.title !== undefined ? { title: body.title.trim() } : {}),
      ...(body.parties !== undefined
        ? {
            parties: {
              municipality: { name: body.parties.municipality.name.trim(), signatory: body.parties.municipality.signatory.trim() },
              police: { name: body.parties.police.name.trim(), signatory: body.parties.police.signatory.trim() },
              others: body.parties.others.map((p) => ({ name: p.name.trim(), signatory: p.signatory.trim() })),
            },
          }
        : {}),
      ...(body.background !== undefined ? { background: body.background.replace(/\r\n/g, '\n').trim() } : {}),
    });
    await recordAudit(trx, {
      collaborationId: actor.collaborationId,
      actorUserId: actor.userId,
      action: 'pledge.update',
      targetType: 'pledge',
      targetId: id,
      details: {
        title: body.title !== undefined,
        parties: body.parties !== undefined,
        background: body.background !== undefined,
        problems: body.categories?.length ?? null,
      },
    });
  });
  return getPledge(db, actor.collaborationId, id, locale);
}

export async function deletePledge(db: Db, actor: Actor, id: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const row = await pledgeOrNotFound(trx, actor, id, true);
    if (row.status !== 'draft') {
      throw new HttpError(409, row.status === 'agreed' ? 'PLEDGE_AGREED' : 'PLEDGE_SIGNED', 'only a draft can be deleted; an agreed or signed pledge is kept');
    }
    await repo.deletePledgeRow(trx, id);
    await recordAudit(trx, { collaborationId: actor.collaborationId, actorUserId: actor.userId, action: 'pledge.delete', targetType: 'pledge', targetId: id, details: { year: row.year, version: row.version } });
  });
}

// ---------------------------------------------------------------------------------------------
// Activities

async function activityValues(
  db: Db,
  actor: Actor,
  row: repo.PledgeRow,
  body: ActivityBody,
): Promise<repo.ActivityValues> {
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
      throw new HttpError(422, 'UNKNOWN_PROBLEM', `"${category}" is not one of this pledge's problems`, { details: [{ path: 'body.problemCategory', message: 'not a problem of the pledge' }] });
    }
  }
  const where = body.where ?? { areaIds: [], cellIds: [], places: [] };
  if (where.areaIds.length > 0) {
    const known = new Set((await repo.listAreas(db, actor.collaborationId)).map((a) => a.id));
    const unknown = where.areaIds.findIndex((a) => !known.has(a));
    if (unknown >= 0) {
      throw new HttpError(422, 'UNKNOWN_AREA', 'an area is not part of your collaboration', { details: [{ path: `body.where.areaIds.${unknown}`, message: 'unknown area' }] });
    }
  }
  const places = where.places.map((p) => p.trim());
  const blankPlace = places.findIndex((p) => !p);
  if (blankPlace >= 0) throw new HttpError(422, 'EMPTY_PLACE', 'a place description is empty', { details: [{ path: `body.where.places.${blankPlace}`, message: 'is empty' }] });
  const followUpOn = body.followUpOn ?? null;
  if (followUpOn !== null) {
    if (followUpOn < `${row.year}-01-01`) {
      throw new HttpError(422, 'FOLLOW_UP_BEFORE_YEAR', `the follow-up date must be in the pledge year ${row.year} or later`, {
        details: [{ path: 'body.followUpOn', message: `before ${row.year}-01-01` }],
      });
    }
    if (followUpOn > `${row.year + 1}-12-31`) {
      throw new HttpError(422, 'FOLLOW_UP_TOO_LATE', `the follow-up date must be at the latest in ${row.year + 1}, the year after the pledge`, {
        details: [{ path: 'body.followUpOn', message: `after ${row.year + 1}-12-31` }],
      });
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

export async function updateActivity(db: Db, actor: Actor, id: string, activityId: string, body: UpdateActivityBody): Promise<PledgeActivity> {
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
// Lifecycle

const STATUS_SV: Record<PledgeStatus, string> = { draft: 'draft', agreed: 'agreed', signed: 'signed', followed_up: 'followed up' };

function transitionRefusal(from: PledgeStatus, to: PledgeStatus): string {
  if (from === to) return `the pledge is already ${STATUS_SV[to]}`;
  if ((from === 'signed' || from === 'followed_up') && (to === 'draft' || to === 'agreed')) {
    return 'a signed pledge cannot go back: revise it to make a new draft version';
  }
  if (from === 'draft' && to !== 'agreed') return 'a draft must first be agreed by the parties';
  if (from === 'agreed' && to === 'followed_up') return 'the pledge must be signed before it is followed up';
  return `a pledge cannot go from ${STATUS_SV[from]} to ${STATUS_SV[to]}`;
}

export async function changeStatus(db: Db, actor: Actor, id: string, body: TransitionBody, locale: Locale): Promise<Pledge> {
  await db.transaction().execute(async (trx) => {
    const row = await pledgeOrNotFound(trx, actor, id, true);
    const to = body.status;
    if (!pledgeTransitions[row.status].includes(to)) {
      throw new HttpError(409, 'INVALID_TRANSITION', transitionRefusal(row.status, to), { details: [{ path: 'body.status', message: `not allowed from ${row.status}` }] });
    }
    if (body.date !== undefined && to !== 'signed') {
      throw new HttpError(400, 'UNEXPECTED_DATE', 'a date is given only when the pledge is signed', { details: [{ path: 'body.date', message: 'only with status "signed"' }] });
    }
    if (to === 'agreed') {
      const [problems, activities] = await Promise.all([repo.listProblems(trx, [id]), repo.listActivities(trx, [id])]);
      if (problems.length === 0 || activities.length === 0) {
        throw new HttpError(409, 'PLEDGE_INCOMPLETE', 'a pledge needs at least one problem and one activity before it is agreed', {
          details: [{ path: problems.length === 0 ? 'problems' : 'activities', message: 'none yet' }],
        });
      }
    }
    let signedAt: Date | undefined;
    if (to === 'signed') {
      const day = body.date ?? today();
      if (day > today()) throw new HttpError(422, 'DATE_IN_FUTURE', 'the signing date cannot be in the future', { details: [{ path: 'body.date', message: 'after today' }] });
      if (day < `${row.year - 1}-01-01`) {
        throw new HttpError(422, 'DATE_TOO_EARLY', `a pledge for ${row.year} is signed in ${row.year - 1} at the earliest`, { details: [{ path: 'body.date', message: 'too early' }] });
      }
      signedAt = body.date ? new Date(`${day}T12:00:00Z`) : new Date();
    }
    const now = new Date();
    await repo.updatePledgeRow(trx, id, actor.userId, {
      status: to,
      ...(to === 'agreed' ? { agreedAt: now } : {}),
      ...(to === 'draft' ? { agreedAt: null } : {}),
      ...(signedAt ? { signedAt } : {}),
      ...(to === 'followed_up' ? { followedUpAt: now } : {}),
    });
    await recordAudit(trx, { collaborationId: actor.collaborationId, actorUserId: actor.userId, action: 'pledge.status', targetType: 'pledge', targetId: id, details: { from: row.status, to } });
  });
  return getPledge(db, actor.collaborationId, id, locale);
}

/** The year in a title moves with the revision: "Medborgarlöfte 2026" → "Medborgarlöfte 2027". */
function retitle(title: string, from: number, to: number): string {
  return from === to ? title : title.replace(new RegExp(`\\b${from}\\b`, 'g'), String(to));
}

function shiftYear(day: string | null, years: number): string | null {
  if (!day || years === 0) return day;
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const exact = new Date(Date.UTC(y + years, m - 1, d));
  // 29 February becomes 28 February in a year that has none.
  const result = exact.getUTCMonth() === m - 1 ? exact : new Date(Date.UTC(y + years, m, 0));
  return result.toISOString().slice(0, 10);
}

export async function revisePledge(db: Db, actor: Actor, id: string, body: ReviseBody, locale: Locale): Promise<Pledge> {
  const newId = await db.transaction().execute(async (trx) => {
    const row = await pledgeOrNotFound(trx, actor, id, true);
    if (row.status !== 'signed' && row.status !== 'followed_up') {
      throw new HttpError(409, 'NOT_SIGNED', 'only a signed pledge is revised; change this one directly (an agreed pledge goes back to draft first)');
    }
    if (row.successor_id) {
      throw new HttpError(409, 'ALREADY_REVISED', 'this version has already been revised: continue with its newer version', { details: [{ path: 'params.id', message: `revised as ${row.successor_id}` }] });
    }
    const year = body.year ?? row.year;
    if (year < row.year) {
      throw new HttpError(422, 'YEAR_BEFORE_PREDECESSOR', `a revision cannot be for a year before ${row.year}`, { details: [{ path: 'body.year', message: `before ${row.year}` }] });
    }
    const snapshot = body.snapshotId ? await snapshotOrNotFound(trx, actor.collaborationId, body.snapshotId) : undefined;
    const problems = await repo.listProblems(trx, [id]);
    const activities = await repo.listActivities(trx, [id]);
    const newId = await repo.insertPledge(trx, {
      collaborationId: actor.collaborationId,
      year,
      title: retitle(row.title, row.year, year),
      version: row.version + 1,
      predecessorId: id,
      snapshotId: snapshot?.id ?? row.snapshot_id,
      baselineFrom: snapshot?.period_from ?? row.baseline_from,
      baselineTo: snapshot?.period_to ?? row.baseline_to,
      parties: row.parties,
      background: row.background,
      userId: actor.userId,
    });
    await repo.replaceProblems(
      trx,
      newId,
      problems.map((p) => {
        const fresh = snapshot && {
          sv: snapshot.payload.sv.problems.find((e) => e.category === p.category),
          en: snapshot.payload.en.problems.find((e) => e.category === p.category),
        };
        return { category: p.category, evidence: fresh?.sv && fresh.en ? fresh : p.evidence };
      }),
    );
    for (const a of activities) {
      await repo.insertActivity(
        trx,
        newId,
        {
          problemCategory: a.problem_category,
          what: a.what,
          responsibleKind: a.responsible_kind,
          responsibleName: a.responsible_name,
          areaIds: a.area_ids,
          cellIds: a.cell_ids,
          places: a.places,
          timing: a.timing,
          indicator: a.indicator,
          target: a.target,
          followUpOn: shiftYear(a.follow_up_on, year - row.year),
        },
        a.sort,
      );
    }
    await recordAudit(trx, {
      collaborationId: actor.collaborationId,
      actorUserId: actor.userId,
      action: 'pledge.revise',
      targetType: 'pledge',
      targetId: newId,
      details: { predecessorId: id, version: row.version + 1, year, activities: activities.length, snapshotId: snapshot?.id ?? null },
    });
    return newId;
  });
  return getPledge(db, actor.collaborationId, newId, locale);
}

// ---------------------------------------------------------------------------------------------
// Follow-up

export async function addActivityUpdate(db: Db, actor: Actor, id: string, activityId: string, body: ActivityUpdateBody): Promise<PledgeActivity> {
  await db.transaction().execute(async (trx) => {
    const row = await pledgeOrNotFound(trx, actor, id, true);
    await activityOrNotFound(trx, id, activityId);
    if (row.status === 'followed_up') throw new HttpError(409, 'FOLLOW_UP_CLOSED', 'the pledge is followed up and closed; revise it to carry on');
    if (row.status !== 'signed') throw new HttpError(409, 'NOT_SIGNED', 'follow-up updates are recorded once the pledge is signed');
    if (body.on > today()) throw new HttpError(422, 'DATE_IN_FUTURE', 'an update cannot be dated in the future', { details: [{ path: 'body.on', message: 'after today' }] });
    const signedOn = row.signed_at ? isoDay(row.signed_at) : null;
    if (signedOn && body.on < signedOn) {
      throw new HttpError(422, 'BEFORE_SIGNING', `an update cannot be dated before the pledge was signed (${signedOn})`, { details: [{ path: 'body.on', message: `before ${signedOn}` }] });
    }
    const updateId = await repo.insertUpdate(trx, { activityId, on: body.on, status: body.status, note: body.note.trim(), userId: actor.userId });
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
