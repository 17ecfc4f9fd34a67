import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { CategoryCode } from '@lagesbild/shared';
import type { Database } from '../../db/schema';

export interface Period {
  from: Date;
  /** Exclusive. */
  to: Date;
}

function inArea(column: RawBuilder<unknown>, areaId: string | null): RawBuilder<unknown> {
  return areaId ? sql`and ${column} = ${areaId}` : sql``;
}

/**
 * The calendar month (UTC) of an answer: survey figures are counted per area and month, the
 * atoms of disclosure control (see the README), whatever the session's time zone.
 */
const monthOf = (submittedAt: RawBuilder<unknown>) => sql<string>`to_char(${submittedAt} at time zone 'UTC', 'YYYY-MM')`;

/** Accepted respondents per area (null: no district) and month. */
export async function respondentAtoms(db: Kysely<Database>, collaborationId: string, months: Period, areaId: string | null) {
  const { rows } = await sql<{ area_id: string | null; month: string; n: number }>`
    select r.area_id, ${monthOf(sql`r.submitted_at`)} as month, count(*)::int as n
      from survey_response r
     where r.collaboration_id = ${collaborationId} and r.status = 'accepted'
       and r.submitted_at >= ${months.from} and r.submitted_at < ${months.to} ${inArea(sql`r.area_id`, areaId)}
     group by 1, 2`.execute(db);
  return rows;
}

/** Per area, month and category: respondents who rated it (not "don't know") and who called it a big or fairly big problem. */
export async function ratingAtoms(db: Kysely<Database>, collaborationId: string, months: Period, areaId: string | null) {
  const { rows } = await sql<{ area_id: string | null; month: string; category: string; rated: number; big: number }>`
    select r.area_id, ${monthOf(sql`r.submitted_at`)} as month, m.key as category,
           (count(*) filter (where m.value <> 'dont_know'))::int as rated,
           (count(*) filter (where m.value in ('big', 'fairly_big')))::int as big
      from survey_response r,
           jsonb_each_text(case when jsonb_typeof(r.answers -> 'problems') = 'object' then r.answers -> 'problems' else '{}'::jsonb end) m
     where r.collaboration_id = ${collaborationId} and r.status = 'accepted'
       and r.submitted_at >= ${months.from} and r.submitted_at < ${months.to} ${inArea(sql`r.area_id`, areaId)}
     group by 1, 2, 3`.execute(db);
  return rows;
}

/** Per area the pin lies in, month of its answer and category: survey pins, and how many respondents placed them. */
export async function pinAtoms(db: Kysely<Database>, collaborationId: string, months: Period, areaId: string | null) {
  const { rows } = await sql<{ area_id: string | null; month: string; category: CategoryCode; count: number; respondents: number }>`
    select p.area_id, ${monthOf(sql`r.submitted_at`)} as month, p.category, count(*)::int as count, count(distinct r.id)::int as respondents
      from point p join survey_response r on r.id = p.origin_id
     where p.collaboration_id = ${collaborationId} and p.source = 'survey' and p.origin_kind = 'response'
       and r.status = 'accepted' and r.submitted_at >= ${months.from} and r.submitted_at < ${months.to}
       ${inArea(sql`p.area_id`, areaId)}
     group by 1, 2, 3`.execute(db);
  return rows;
}

/** Reports (mentions for dialogues) per category and source, in the period and the one before it. */
export async function reportCounts(
  db: Kysely<Database>,
  collaborationId: string,
  period: Period,
  previousFrom: Date,
  areaId: string | null,
) {
  const { rows } = await sql<{
    category: CategoryCode;
    source: 'municipality' | 'police' | 'walk' | 'dialogue';
    police_only: boolean;
    current: number;
    previous: number;
  }>`
    select category, source, classification = 'police_only' as police_only,
           coalesce(sum(weight) filter (where coalesce(occurred_at, created_at) >= ${period.from}), 0)::int as current,
           coalesce(sum(weight) filter (where coalesce(occurred_at, created_at) < ${period.from}), 0)::int as previous
      from point
     where collaboration_id = ${collaborationId} and source in ('municipality', 'police', 'walk', 'dialogue')
       and coalesce(occurred_at, created_at) >= ${previousFrom} and coalesce(occurred_at, created_at) < ${period.to}
       ${inArea(sql`area_id`, areaId)}
     group by 1, 2, 3`.execute(db);
  return rows;
}

/** Points with an exact place in the period: the input of the hot-spot count per category. */
export async function exactPoints(db: Kysely<Database>, collaborationId: string, period: Period, areaId: string | null) {
  const { rows } = await sql<{ x: number; y: number; category: CategoryCode }>`
    select p.x, p.y, p.category from point p
      left join survey_response r on p.origin_kind = 'response' and r.id = p.origin_id
     where p.collaboration_id = ${collaborationId} and p.precision <> 'area'
       and coalesce(r.submitted_at, p.occurred_at, p.created_at) >= ${period.from}
       and coalesce(r.submitted_at, p.occurred_at, p.created_at) < ${period.to}
       and (r.id is null or r.status = 'accepted')
       ${inArea(sql`p.area_id`, areaId)}`.execute(db);
  return rows;
}

export async function collaborationSettings(db: Kysely<Database>, collaborationId: string) {
  const row = await db
    .selectFrom('collaboration')
    .select(['disclosure_threshold', 'problem_weights'])
    .where('id', '=', collaborationId)
    .executeTakeFirstOrThrow();
  const population = await db
    .selectFrom('municipality')
    .select(sql<number | null>`sum(population)::int`.as('population'))
    .where('collaboration_id', '=', collaborationId)
    .executeTakeFirstOrThrow();
  return { threshold: row.disclosure_threshold, weights: row.problem_weights, population: population.population };
}

export async function saveWeights(db: Kysely<Database>, collaborationId: string, weights: Record<string, number>): Promise<void> {
  await db
    .updateTable('collaboration')
    .set({ problem_weights: JSON.stringify(weights) })
    .where('id', '=', collaborationId)
    .execute();
}

/** Reports (mentions for dialogues) in the period per area they lie in. */
export async function reportsByArea(db: Kysely<Database>, collaborationId: string, period: Period) {
  const { rows } = await sql<{ area_id: string; reports: number }>`
    select area_id, sum(weight)::int as reports
      from point
     where collaboration_id = ${collaborationId} and area_id is not null and source in ('municipality', 'police', 'walk', 'dialogue')
       and coalesce(occurred_at, created_at) >= ${period.from} and coalesce(occurred_at, created_at) < ${period.to}
     group by 1`.execute(db);
  return rows;
}

/**
 * Evening-safety answers per area, month and group (gender, age band or everyone): how many
 * answered and how many feel unsafe. Without `months`, all of them.
 */
export async function safetyAtoms(
  db: Kysely<Database>,
  collaborationId: string,
  months: Period | null,
  areaId: string | null,
  breakdown: 'none' | 'gender' | 'age_band',
) {
  const group = breakdown === 'none' ? sql`'all'` : sql`coalesce(r.answers ->> ${breakdown}, 'not_stated')`;
  const { rows } = await sql<{ area_id: string | null; month: string; grp: string; answered: number; unsafe: number }>`
    select r.area_id, ${monthOf(sql`r.submitted_at`)} as month, ${group} as grp,
           count(*)::int as answered,
           (count(*) filter (where r.answers ->> 'safety_evening' in ('fairly_unsafe', 'very_unsafe')))::int as unsafe
      from survey_response r
     where r.collaboration_id = ${collaborationId} and r.status = 'accepted' and r.answers ? 'safety_evening'
       ${months ? sql`and r.submitted_at >= ${months.from} and r.submitted_at < ${months.to}` : sql``}
       ${inArea(sql`r.area_id`, areaId)}
     group by 1, 2, 3`.execute(db);
  return rows;
}
