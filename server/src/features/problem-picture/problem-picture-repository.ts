import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { inArea, monthOf, type Period } from '../../lib/period-sql';

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
