import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { AreaGeometry, CategoryCode } from '@lagesbild/shared';
import type { Database } from '../../db/schema';

export interface Period {
  from: Date;
  /** Exclusive. */
  to: Date;
}

function inArea(column: RawBuilder<unknown>, areaId: string | null): RawBuilder<unknown> {
  return areaId ? sql`and ${column} = ${areaId}` : sql``;
}

export async function respondentCount(db: Kysely<Database>, collaborationId: string, period: Period, areaId: string | null): Promise<number> {
  const { rows } = await sql<{ n: number }>`
    select count(*)::int as n from survey_response r
     where r.collaboration_id = ${collaborationId} and r.status = 'accepted'
       and r.submitted_at >= ${period.from} and r.submitted_at < ${period.to} ${inArea(sql`r.area_id`, areaId)}`.execute(db);
  return rows[0]?.n ?? 0;
}

/** Per category: respondents who rated it (not "don't know") and who called it a big or fairly big problem. */
export async function surveyRatings(db: Kysely<Database>, collaborationId: string, period: Period, areaId: string | null) {
  const { rows } = await sql<{ category: string; rated: number; big: number }>`
    select m.key as category,
           (count(*) filter (where m.value <> 'dont_know'))::int as rated,
           (count(*) filter (where m.value in ('big', 'fairly_big')))::int as big
      from survey_response r,
           jsonb_each_text(case when jsonb_typeof(r.answers -> 'problems') = 'object' then r.answers -> 'problems' else '{}'::jsonb end) m
     where r.collaboration_id = ${collaborationId} and r.status = 'accepted'
       and r.submitted_at >= ${period.from} and r.submitted_at < ${period.to} ${inArea(sql`r.area_id`, areaId)}
     group by m.key`.execute(db);
  return rows;
}

/** Per category: survey pins (placed in the area) and how many respondents placed them. */
export async function pinCounts(db: Kysely<Database>, collaborationId: string, period: Period, areaId: string | null) {
  const { rows } = await sql<{ category: CategoryCode; count: number; respondents: number }>`
    select p.category, count(*)::int as count, count(distinct r.id)::int as respondents
      from point p join survey_response r on r.id = p.origin_id
     where p.collaboration_id = ${collaborationId} and p.source = 'survey' and p.origin_kind = 'response'
       and r.status = 'accepted' and r.submitted_at >= ${period.from} and r.submitted_at < ${period.to}
       ${inArea(sql`p.area_id`, areaId)}
     group by p.category`.execute(db);
  return rows;
}

/** Reports (mentions for dialogues) per category and source, in the period and the one before it. */
export async function reportCounts(db: Kysely<Database>, collaborationId: string, period: Period, previousFrom: Date, areaId: string | null) {
  const { rows } = await sql<{ category: CategoryCode; source: 'municipality' | 'police' | 'walk' | 'dialogue'; police_only: boolean; current: number; previous: number }>`
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

export async function findArea(db: Kysely<Database>, collaborationId: string, areaId: string) {
  return db
    .selectFrom('area')
    .select(['id', 'name', 'population', 'geometry'])
    .where('collaboration_id', '=', collaborationId)
    .where('id', '=', areaId)
    .executeTakeFirst();
}

/** The collaboration's outer boundary (or, lacking one, all its areas): the hot-spot study area. */
export async function studyAreas(db: Kysely<Database>, collaborationId: string): Promise<AreaGeometry[]> {
  const rows = await db.selectFrom('area').select(['geometry', 'kind']).where('collaboration_id', '=', collaborationId).execute();
  const boundary = rows.filter((r) => r.kind === 'boundary');
  return (boundary.length > 0 ? boundary : rows).map((r) => r.geometry as AreaGeometry);
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
  await db.updateTable('collaboration').set({ problem_weights: JSON.stringify(weights) }).where('id', '=', collaborationId).execute();
}

/** Per district: residents answering the evening-safety question (and how many feel unsafe), reports, population. */
export async function districtFigures(db: Kysely<Database>, collaborationId: string, period: Period) {
  const { rows } = await sql<{ id: string; name: string; population: number | null; answered: number; unsafe: number; reports: number }>`
    select a.id, a.name, a.population,
      (select count(*)::int from survey_response r
        where r.area_id = a.id and r.status = 'accepted' and r.submitted_at >= ${period.from} and r.submitted_at < ${period.to}
          and r.answers ? 'safety_evening') as answered,
      (select count(*)::int from survey_response r
        where r.area_id = a.id and r.status = 'accepted' and r.submitted_at >= ${period.from} and r.submitted_at < ${period.to}
          and r.answers ->> 'safety_evening' in ('fairly_unsafe', 'very_unsafe')) as unsafe,
      (select coalesce(sum(p.weight), 0)::int from point p
        where p.area_id = a.id and p.source in ('municipality', 'police', 'walk', 'dialogue')
          and coalesce(p.occurred_at, p.created_at) >= ${period.from} and coalesce(p.occurred_at, p.created_at) < ${period.to}) as reports
    from area a where a.collaboration_id = ${collaborationId} and a.kind <> 'boundary'
    order by a.name`.execute(db);
  return rows;
}

/** Evening safety answers per half-year and group (gender, age band or everyone). */
export async function safetyAnswers(db: Kysely<Database>, collaborationId: string, areaId: string | null, breakdown: 'none' | 'gender' | 'age_band') {
  const group = breakdown === 'none' ? sql`'all'` : sql`coalesce(r.answers ->> ${breakdown}, 'not_stated')`;
  const { rows } = await sql<{ period: string; grp: string; answered: number; unsafe: number }>`
    select to_char(r.submitted_at, 'YYYY') || '-H' || case when extract(month from r.submitted_at) <= 6 then '1' else '2' end as period,
           ${group} as grp,
           count(*)::int as answered,
           (count(*) filter (where r.answers ->> 'safety_evening' in ('fairly_unsafe', 'very_unsafe')))::int as unsafe
      from survey_response r
     where r.collaboration_id = ${collaborationId} and r.status = 'accepted' and r.answers ? 'safety_evening'
       ${inArea(sql`r.area_id`, areaId)}
     group by 1, 2 order by 1, 2`.execute(db);
  return rows;
}
