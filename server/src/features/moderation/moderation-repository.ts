import { sql, type Kysely } from 'kysely';
import type { LocalizedText, ModerationStatus } from '@lagesbild/shared';
import type { Database, ResponseStatus } from '../../db/schema';

export interface TextRow {
  id: string;
  pin_id: string | null;
  question_id: string | null;
  question_label: LocalizedText | null;
  original: string;
  redacted: string | null;
  status: ModerationStatus;
  created_at: Date;
  decided_at: Date | null;
  decided_by: string | null;
  campaign_id: string;
  campaign_slug: string;
  campaign_title: LocalizedText;
  response_id: string;
  response_status: ResponseStatus;
  channel: string;
  pin_category: string | null;
  pin_times: string[] | null;
  pin_lat: number | null;
  pin_lon: number | null;
  place_name: string | null;
  place_description: string | null;
}

function texts(db: Kysely<Database>, collaborationId: string) {
  return db
    .selectFrom('free_text as f')
    .innerJoin('survey_response as r', 'r.id', 'f.response_id')
    .innerJoin('campaign as c', 'c.id', 'r.campaign_id')
    .innerJoin('survey_version as v', 'v.id', 'r.survey_version_id')
    .leftJoin('survey_pin as p', 'p.id', 'f.pin_id')
    .leftJoin('named_place as np', 'np.id', 'p.place_id')
    .leftJoin('app_user as u', 'u.id', 'f.decided_by')
    .select([
      'f.id',
      'f.pin_id',
      'f.question_id',
      // The label of the question as the resident saw it (the response's own version).
      sql<LocalizedText | null>`jsonb_path_query_first(v.questions, '$[*] ? (@.id == $id).label', jsonb_build_object('id', f.question_id))`.as(
        'question_label',
      ),
      'f.original',
      'f.redacted',
      'f.status',
      'f.created_at',
      'f.decided_at',
      'u.display_name as decided_by',
      'c.id as campaign_id',
      'c.slug as campaign_slug',
      'c.title as campaign_title',
      'r.id as response_id',
      'r.status as response_status',
      'r.channel',
      'p.category as pin_category',
      'p.times as pin_times',
      'p.lat as pin_lat',
      'p.lon as pin_lon',
      'np.name as place_name',
      'p.place_description',
    ])
    .where('f.collaboration_id', '=', collaborationId);
}

/** The queue: pending texts oldest first (first in, first out); decided ones newest decision first. */
export async function listTexts(
  db: Kysely<Database>,
  collaborationId: string,
  filter: { status: ModerationStatus; campaignId?: string | undefined; limit: number },
): Promise<TextRow[]> {
  let query = texts(db, collaborationId).where('f.status', '=', filter.status);
  if (filter.campaignId) query = query.where('c.id', '=', filter.campaignId);
  query =
    filter.status === 'pending' ? query.orderBy('f.created_at').orderBy('f.id') : query.orderBy('f.decided_at', 'desc').orderBy('f.id');
  return query.limit(filter.limit).execute();
}

export async function findText(db: Kysely<Database>, collaborationId: string, id: string): Promise<TextRow | undefined> {
  return texts(db, collaborationId).where('f.id', '=', id).executeTakeFirst();
}

export async function countTexts(db: Kysely<Database>, collaborationId: string, campaignId?: string) {
  let query = db
    .selectFrom('free_text as f')
    .innerJoin('survey_response as r', 'r.id', 'f.response_id')
    .select(['f.status', sql<number>`count(*)::int`.as('n')])
    .where('f.collaboration_id', '=', collaborationId)
    .groupBy('f.status');
  if (campaignId) query = query.where('r.campaign_id', '=', campaignId);
  return query.execute();
}

export async function countFlagged(db: Kysely<Database>, collaborationId: string, campaignId?: string): Promise<number> {
  let query = db
    .selectFrom('survey_response')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('collaboration_id', '=', collaborationId)
    .where('status', '=', 'flagged');
  if (campaignId) query = query.where('campaign_id', '=', campaignId);
  return (await query.executeTakeFirstOrThrow()).n;
}

export async function decideText(
  db: Kysely<Database>,
  id: string,
  decision: { status: Exclude<ModerationStatus, 'pending'>; redacted: string | null; decidedBy: string },
): Promise<void> {
  await db
    .updateTable('free_text')
    .set({ status: decision.status, redacted: decision.redacted, decided_by: decision.decidedBy, decided_at: sql<Date>`now()` })
    .where('id', '=', id)
    .execute();
}

/** Texts of a discarded answer never reach anyone: pending ones are rejected with it. */
export async function rejectPendingTexts(db: Kysely<Database>, responseId: string, decidedBy: string): Promise<number> {
  const result = await db
    .updateTable('free_text')
    .set({ status: 'rejected', decided_by: decidedBy, decided_at: sql<Date>`now()` })
    .where('response_id', '=', responseId)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export async function listFlagged(db: Kysely<Database>, collaborationId: string, campaignId?: string) {
  let query = db
    .selectFrom('survey_response as r')
    .innerJoin('campaign as c', 'c.id', 'r.campaign_id')
    .select([
      'r.id',
      'r.submitted_at',
      'r.channel',
      'r.flag_reason',
      'r.answers',
      'c.id as campaign_id',
      'c.slug as campaign_slug',
      'c.title as campaign_title',
      sql<number>`(select count(*)::int from free_text f where f.response_id = r.id)`.as('texts'),
    ])
    .where('r.collaboration_id', '=', collaborationId)
    .where('r.status', '=', 'flagged')
    .orderBy('r.submitted_at')
    .orderBy('r.id')
    .limit(200);
  if (campaignId) query = query.where('c.id', '=', campaignId);
  return query.execute();
}

export async function pinsOf(db: Kysely<Database>, responseIds: string[]) {
  if (responseIds.length === 0) return [];
  return db
    .selectFrom('survey_pin as p')
    .leftJoin('named_place as np', 'np.id', 'p.place_id')
    .select([
      'p.id',
      'p.response_id',
      'p.point_id',
      'p.category',
      'p.times',
      'p.lat',
      'p.lon',
      'p.place_id',
      'np.name as place_name',
      'p.place_description',
    ])
    .where('p.response_id', 'in', responseIds)
    .orderBy('p.id')
    .execute();
}

/** The response, locked: two coordinators deciding at once must not both create its points. */
export async function lockResponse(db: Kysely<Database>, collaborationId: string, id: string) {
  return db
    .selectFrom('survey_response')
    .select(['id', 'status', 'campaign_id', 'submitted_at'])
    .where('collaboration_id', '=', collaborationId)
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
}

export async function setResponseStatus(db: Kysely<Database>, id: string, status: ResponseStatus): Promise<void> {
  await db.updateTable('survey_response').set({ status }).where('id', '=', id).execute();
}

/** Links an accepted pin to its point in the point store. */
export async function linkPinPoint(db: Kysely<Database>, pinId: string, pointId: string): Promise<void> {
  await db.updateTable('survey_pin').set({ point_id: pointId }).where('id', '=', pinId).execute();
}

/**
 * The only way free text leaves the raw staff view: approved text as written, redacted text
 * as the coordinator rewrote it, and only from answers that count. Pending, rejected and
 * flagged or discarded answers' text never comes out of here.
 */
export async function publishableTexts(db: Kysely<Database>, collaborationId: string, campaignId: string) {
  return db
    .selectFrom('free_text as f')
    .innerJoin('survey_response as r', 'r.id', 'f.response_id')
    .select([
      'f.id',
      'f.pin_id',
      'f.question_id',
      sql<string>`case when f.status = 'redacted' then f.redacted else f.original end`.as('text'),
    ])
    .where('f.collaboration_id', '=', collaborationId)
    .where('r.campaign_id', '=', campaignId)
    .where('r.status', '=', 'accepted')
    .where('f.status', 'in', ['approved', 'redacted'])
    .orderBy('f.created_at')
    .orderBy('f.id')
    .execute();
}
