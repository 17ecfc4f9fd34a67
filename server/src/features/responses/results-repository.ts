import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/schema';

/** Accepted responses to any campaign of the same survey (every version): the running tally. */
function sameSurvey(campaignId: string) {
  return sql`r.campaign_id in (
    select c2.id from campaign c2
    join survey_version v2 on v2.id = c2.survey_version_id
    where v2.survey_id = (select v.survey_id from campaign c join survey_version v on v.id = c.survey_version_id where c.id = ${campaignId})
  ) and r.status = 'accepted'`;
}

export async function respondentCount(db: Kysely<Database>, campaignId: string): Promise<number> {
  const { rows } = await sql<{ n: number }>`select count(*)::int as n from survey_response r where ${sameSurvey(campaignId)}`.execute(db);
  return rows[0]?.n ?? 0;
}

/** Counts of every closed answer: (question, row or null, value) → respondents. */
export async function answerCounts(db: Kysely<Database>, campaignId: string) {
  const { rows } = await sql<{ question: string; row: string | null; value: string; n: number }>`
    select a.key as question, null as row, a.value #>> '{}' as value, count(*)::int as n
      from survey_response r, jsonb_each(r.answers) a
     where ${sameSurvey(campaignId)} and jsonb_typeof(a.value) = 'string'
     group by 1, 3
    union all
    select a.key, m.key, m.value, count(*)::int
      from survey_response r, jsonb_each(r.answers) a,
           jsonb_each_text(case when jsonb_typeof(a.value) = 'object' then a.value else '{}'::jsonb end) m
     where ${sameSurvey(campaignId)}
     group by 1, 2, 3
  `.execute(db);
  return rows;
}
