import type { CategoryCode, PledgeStatus } from '@lagesbild/shared';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/schema';

type Db = Kysely<Database>;

const pledgeColumns = [
  'p.id',
  'p.collaboration_id',
  'p.year',
  'p.title',
  'p.status',
  'p.version',
  'p.predecessor_id',
  'p.snapshot_id',
  'p.baseline_from',
  'p.baseline_to',
  'p.parties',
  'p.background',
  'p.created_at',
  'p.updated_at',
  'p.agreed_at',
  'p.signed_at',
  'p.followed_up_at',
] as const;

export type PledgeRow = Awaited<ReturnType<typeof findPledge>> & {};

/** One pledge of the collaboration (undefined for another collaboration's), optionally locked for the transaction. */
export async function findPledge(db: Db, collaborationId: string, id: string, lock = false) {
  let query = db
    .selectFrom('pledge as p')
    .select(pledgeColumns)
    .select([
      (eb) => eb.selectFrom('app_user as u').select('u.display_name').whereRef('u.id', '=', 'p.created_by').as('created_by_name'),
      (eb) => eb.selectFrom('app_user as u').select('u.display_name').whereRef('u.id', '=', 'p.updated_by').as('updated_by_name'),
      (eb) => eb.selectFrom('pledge as s').select('s.id').whereRef('s.predecessor_id', '=', 'p.id').as('successor_id'),
      (eb) => eb.selectFrom('lagesbild_snapshot as sn').select('sn.title').whereRef('sn.id', '=', 'p.snapshot_id').as('snapshot_title'),
    ])
    .where('p.collaboration_id', '=', collaborationId)
    .where('p.id', '=', id);
  if (lock) query = query.forUpdate(['p']);
  return query.executeTakeFirst();
}

export async function listPledges(db: Db, collaborationId: string) {
  return db
    .selectFrom('pledge as p')
    .select(['p.id', 'p.year', 'p.title', 'p.status', 'p.version', 'p.predecessor_id', 'p.updated_at', 'p.signed_at'])
    .select([
      (eb) => eb.selectFrom('pledge as s').select('s.id').whereRef('s.predecessor_id', '=', 'p.id').as('successor_id'),
      (eb) =>
        eb
          .selectFrom('pledge_problem as pp')
          .select(sql<number>`count(*)::int`.as('n'))
          .whereRef('pp.pledge_id', '=', 'p.id')
          .as('problems'),
      (eb) =>
        eb
          .selectFrom('pledge_activity as a')
          .select(sql<number>`count(*)::int`.as('n'))
          .whereRef('a.pledge_id', '=', 'p.id')
          .as('activities'),
    ])
    .where('p.collaboration_id', '=', collaborationId)
    .orderBy('p.year', 'desc')
    .orderBy('p.version', 'desc')
    .orderBy('p.created_at', 'desc')
    .execute();
}

/** Every version linked to this pledge through predecessor links, oldest first. */
export async function versionChain(db: Db, collaborationId: string, id: string) {
  const { rows } = await sql<{ id: string; version: number; year: number; status: PledgeStatus }>`
    with recursive up as (
      select id, predecessor_id from pledge where id = ${id} and collaboration_id = ${collaborationId}
      union all
      select p.id, p.predecessor_id from pledge p join up on p.id = up.predecessor_id
    ), down as (
      select id from pledge where id = ${id} and collaboration_id = ${collaborationId}
      union all
      select p.id from pledge p join down on p.predecessor_id = down.id
    )
    select id, version, year, status from pledge
     where collaboration_id = ${collaborationId} and id in (select id from up union select id from down)
     order by version, created_at`.execute(db);
  return rows;
}

export async function insertPledge(
  db: Db,
  values: {
    collaborationId: string;
    year: number;
    title: string;
    version: number;
    predecessorId: string | null;
    snapshotId: string | null;
    baselineFrom: string;
    baselineTo: string;
    parties: unknown;
    background: string;
    userId: string | null;
  },
): Promise<string> {
  const row = await db
    .insertInto('pledge')
    .values({
      collaboration_id: values.collaborationId,
      year: values.year,
      title: values.title,
      version: values.version,
      predecessor_id: values.predecessorId,
      snapshot_id: values.snapshotId,
      baseline_from: values.baselineFrom,
      baseline_to: values.baselineTo,
      parties: JSON.stringify(values.parties),
      background: values.background,
      created_by: values.userId,
      updated_by: values.userId,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function updatePledgeRow(
  db: Db,
  id: string,
  userId: string | null,
  changes: {
    title?: string;
    parties?: unknown;
    background?: string;
    status?: PledgeStatus;
    agreedAt?: Date | null;
    signedAt?: Date | null;
    followedUpAt?: Date | null;
  },
): Promise<void> {
  await db
    .updateTable('pledge')
    .set({
      updated_by: userId,
      updated_at: new Date(),
      ...(changes.title !== undefined ? { title: changes.title } : {}),
      ...(changes.parties !== undefined ? { parties: JSON.stringify(changes.parties) } : {}),
      ...(changes.background !== undefined ? { background: changes.background } : {}),
      ...(changes.status !== undefined ? { status: changes.status } : {}),
      ...(changes.agreedAt !== undefined ? { agreed_at: changes.agreedAt } : {}),
      ...(changes.signedAt !== undefined ? { signed_at: changes.signedAt } : {}),
      ...(changes.followedUpAt !== undefined ? { followed_up_at: changes.followedUpAt } : {}),
    })
    .where('id', '=', id)
    .execute();
}

export async function deletePledgeRow(db: Db, id: string): Promise<void> {
  await db.deleteFrom('pledge').where('id', '=', id).execute();
}

export async function listProblems(db: Db, pledgeIds: string[]) {
  if (pledgeIds.length === 0) return [];
  return db
    .selectFrom('pledge_problem')
    .select(['pledge_id', 'category', 'evidence', 'sort'])
    .where('pledge_id', 'in', pledgeIds)
    .orderBy('pledge_id')
    .orderBy('sort')
    .execute();
}

export async function replaceProblems(db: Db, pledgeId: string, problems: { category: CategoryCode; evidence: unknown }[]): Promise<void> {
  await db.deleteFrom('pledge_problem').where('pledge_id', '=', pledgeId).execute();
  if (problems.length === 0) return;
  await db
    .insertInto('pledge_problem')
    .values(problems.map((p, i) => ({ pledge_id: pledgeId, category: p.category, evidence: JSON.stringify(p.evidence), sort: i + 1 })))
    .execute();
}

const activityColumns = [
  'id',
  'pledge_id',
  'problem_category',
  'what',
  'responsible_kind',
  'responsible_name',
  'area_ids',
  'cell_ids',
  'places',
  'timing',
  'indicator',
  'target',
  'follow_up_on',
  'sort',
] as const;

export type ActivityRow = Awaited<ReturnType<typeof listActivities>>[number];

export async function listActivities(db: Db, pledgeIds: string[]) {
  if (pledgeIds.length === 0) return [];
  return db
    .selectFrom('pledge_activity')
    .select(activityColumns)
    .where('pledge_id', 'in', pledgeIds)
    .orderBy('pledge_id')
    .orderBy('sort')
    .orderBy('created_at')
    .execute();
}

export async function findActivity(db: Db, pledgeId: string, activityId: string) {
  return db
    .selectFrom('pledge_activity')
    .select(activityColumns)
    .where('pledge_id', '=', pledgeId)
    .where('id', '=', activityId)
    .executeTakeFirst();
}

export interface ActivityValues {
  problemCategory: CategoryCode | null;
  what: string;
  responsibleKind: 'municipality' | 'police' | 'other';
  responsibleName: string;
  areaIds: string[];
  cellIds: string[];
  places: string[];
  timing: string;
  indicator: string;
  target: string;
  followUpOn: string | null;
}

const activityRow = (v: ActivityValues) => ({
  problem_category: v.problemCategory,
  what: v.what,
  responsible_kind: v.responsibleKind,
  responsible_name: v.responsibleName,
  area_ids: v.areaIds,
  cell_ids: v.cellIds,
  places: v.places,
  timing: v.timing,
  indicator: v.indicator,
  target: v.target,
  follow_up_on: v.followUpOn,
});

export async function insertActivity(db: Db, pledgeId: string, values: ActivityValues, sort?: number): Promise<string> {
  const position =
    sort ??
    (
      await db
        .selectFrom('pledge_activity')
        .select(sql<number>`coalesce(max(sort), 0)::int`.as('n'))
        .where('pledge_id', '=', pledgeId)
        .executeTakeFirstOrThrow()
    ).n + 1;
  const row = await db
    .insertInto('pledge_activity')
    .values({ pledge_id: pledgeId, sort: position, ...activityRow(values) })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function updateActivityRow(db: Db, activityId: string, values: ActivityValues): Promise<void> {
  await db.updateTable('pledge_activity').set(activityRow(values)).where('id', '=', activityId).execute();
}

export async function deleteActivityRow(db: Db, activityId: string): Promise<void> {
  await db.deleteFrom('pledge_activity').where('id', '=', activityId).execute();
}

export async function listUpdates(db: Db, activityIds: string[]) {
  if (activityIds.length === 0) return [];
  return db
    .selectFrom('activity_update as u')
    .leftJoin('app_user as a', 'a.id', 'u.created_by')
    .select(['u.id', 'u.activity_id', 'u.happened_on', 'u.status', 'u.note', 'u.created_at', 'a.display_name as by'])
    .where('u.activity_id', 'in', activityIds)
    .orderBy('u.happened_on')
    .orderBy('u.created_at')
    .execute();
}

export async function insertUpdate(
  db: Db,
  values: { activityId: string; on: string; status: 'planned' | 'ongoing' | 'done' | 'cancelled'; note: string; userId: string | null },
): Promise<string> {
  const row = await db
    .insertInto('activity_update')
    .values({ activity_id: values.activityId, happened_on: values.on, status: values.status, note: values.note, created_by: values.userId })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function collaborationInfo(db: Db, collaborationId: string) {
  const collaboration = await db
    .selectFrom('collaboration')
    .select(['id', 'slug', 'name', 'police_district', 'disclosure_threshold'])
    .where('id', '=', collaborationId)
    .executeTakeFirstOrThrow();
  const municipality = await db
    .selectFrom('municipality')
    .select('name')
    .where('collaboration_id', '=', collaborationId)
    .orderBy('name')
    .executeTakeFirst();
  return { ...collaboration, municipalityName: municipality?.name ?? null };
}

export async function findCollaborationBySlug(db: Db, slug: string) {
  return db.selectFrom('collaboration').select(['id', 'slug', 'name', 'disclosure_threshold']).where('slug', '=', slug).executeTakeFirst();
}

/**
 * Signed and followed-up pledges, newest first, leaving out any that a signed revision
 * replaces (residents see the version in force).
 */
export async function publishedPledges(db: Db, collaborationId: string) {
  return db
    .selectFrom('pledge as p')
    .select(pledgeColumns)
    .where('p.collaboration_id', '=', collaborationId)
    .where('p.status', 'in', ['signed', 'followed_up'])
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('pledge as s')
            .select('s.id')
            .whereRef('s.predecessor_id', '=', 'p.id')
            .where('s.status', 'in', ['signed', 'followed_up'])
            .whereRef('s.year', '=', 'p.year'),
        ),
      ),
    )
    .orderBy('p.year', 'desc')
    .orderBy('p.version', 'desc')
    .execute();
}

/**
 * Answers to the follow-up questions in [from, to) (exclusive end): for each question (or
 * problem-matrix row "problems.<category>") and answer value, the number of respondents.
 */
/** Answers to the follow-up questions per calendar month (UTC) of answering, question and value. */
export async function answerTallies(db: Db, collaborationId: string, from: Date, to: Date, categories: CategoryCode[]) {
  const { rows } = await sql<{ month: string; question: string; value: string; n: number }>`
    select to_char(r.submitted_at at time zone 'UTC', 'YYYY-MM') as month, a.key as question, a.value #>> '{}' as value, count(*)::int as n
      from survey_response r, jsonb_each(r.answers) a
     where r.collaboration_id = ${collaborationId} and r.status = 'accepted'
       and r.submitted_at >= ${from} and r.submitted_at < ${to}
       and a.key in ('safety_evening', 'worry_crime', 'avoided_places') and jsonb_typeof(a.value) = 'string'
     group by 1, 2, 3
    union all
    select to_char(r.submitted_at at time zone 'UTC', 'YYYY-MM'), 'problems.' || m.key, m.value, count(*)::int
      from survey_response r,
           jsonb_each_text(case when jsonb_typeof(r.answers -> 'problems') = 'object' then r.answers -> 'problems' else '{}'::jsonb end) m
     where r.collaboration_id = ${collaborationId} and r.status = 'accepted'
       and r.submitted_at >= ${from} and r.submitted_at < ${to}
       and m.key = any(${categories}::text[])
     group by 1, 2, 3`.execute(db);
  return rows;
}

/** Respondents per calendar month (UTC) of answering. */
export async function respondentsByMonth(db: Db, collaborationId: string, from: Date, to: Date) {
  const { rows } = await sql<{ month: string; n: number }>`
    select to_char(submitted_at at time zone 'UTC', 'YYYY-MM') as month, count(*)::int as n from survey_response
     where collaboration_id = ${collaborationId} and status = 'accepted' and submitted_at >= ${from} and submitted_at < ${to}
     group by 1`.execute(db);
  return rows;
}

/**
 * Activities of signed pledges whose follow-up date has come and that have no update on or
 * after it yet (the mail digest's "follow-ups that are due").
 */
export async function dueFollowUps(db: Db, collaborationId: string, today: string) {
  return db
    .selectFrom('pledge_activity as a')
    .innerJoin('pledge as p', 'p.id', 'a.pledge_id')
    .select(['a.id', 'a.what', 'a.responsible_kind', 'a.follow_up_on', 'p.id as pledge_id', 'p.title as pledge_title'])
    .where('p.collaboration_id', '=', collaborationId)
    .where('p.status', '=', 'signed')
    .where('a.follow_up_on', '<=', today)
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('activity_update as u')
            .select('u.id')
            .whereRef('u.activity_id', '=', 'a.id')
            .whereRef('u.happened_on', '>=', 'a.follow_up_on'),
        ),
      ),
    )
    .orderBy('a.follow_up_on')
    .orderBy('a.sort')
    .execute();
}
