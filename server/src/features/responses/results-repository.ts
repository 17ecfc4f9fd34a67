import { sql, type Kysely } from 'kysely';
import type { AnswerCount, Database } from '../../db/schema';

/** The survey a campaign asks (the tally spans every campaign and version of it). */
function surveyOf(campaignId: string) {
  return sql<string>`(select v.survey_id from campaign c join survey_version v on v.id = c.survey_version_id where c.id = ${campaignId})`;
}

/** Accepted responses to any campaign of the same survey, submitted before `before`. */
function sameSurvey(campaignId: string, before: Date) {
  return sql`r.campaign_id in (
    select c2.id from campaign c2
    join survey_version v2 on v2.id = c2.survey_version_id
    where v2.survey_id = ${surveyOf(campaignId)}
  ) and r.status = 'accepted' and r.submitted_at < ${before}`;
}

export async function respondentCount(db: Kysely<Database>, campaignId: string, before: Date): Promise<number> {
  const { rows } = await sql<{
    n: number;
  }>`select count(*)::int as n from survey_response r where ${sameSurvey(campaignId, before)}`.execute(db);
  return rows[0]?.n ?? 0;
}

/** Counts of every closed answer submitted before `before`: (question, row or null, value) → respondents. */
export async function answerCounts(db: Kysely<Database>, campaignId: string, before: Date): Promise<AnswerCount[]> {
  const { rows } = await sql<AnswerCount>`
    select a.key as question, null as row, a.value #>> '{}' as value, count(*)::int as n
      from survey_response r, jsonb_each(r.answers) a
     where ${sameSurvey(campaignId, before)} and jsonb_typeof(a.value) = 'string'
     group by 1, 3
    union all
    select a.key, m.key, m.value, count(*)::int
      from survey_response r, jsonb_each(r.answers) a,
           jsonb_each_text(case when jsonb_typeof(a.value) = 'object' then a.value else '{}'::jsonb end) m
     where ${sameSurvey(campaignId, before)}
     group by 1, 2, 3
    order by 1, 2, 3
  `.execute(db);
  return rows;
}

export interface PublishedState {
  through: Date;
  respondents: number;
  counts: AnswerCount[];
}

/** The survey's newest published state, if any. */
export async function latestPublished(db: Kysely<Database>, campaignId: string): Promise<PublishedState | undefined> {
  return db
    .selectFrom('published_results')
    .select(['through', 'respondents', 'counts'])
    .where('survey_id', '=', surveyOf(campaignId))
    .orderBy('through', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** Stores a state; a second instance publishing the same day at the same time keeps the first. */
export async function insertPublished(db: Kysely<Database>, campaignId: string, state: PublishedState): Promise<void> {
  await db
    .insertInto('published_results')
    .values({
      survey_id: surveyOf(campaignId),
      through: state.through,
      respondents: state.respondents,
      counts: JSON.stringify(state.counts),
    })
    .onConflict((oc) => oc.columns(['survey_id', 'through']).doNothing())
    .execute();
}
