import { sql, type Kysely } from 'kysely';
import type { PointSource } from '@lagesbild/shared';
import type { Database } from '../../db/schema';

export async function collaborationHeader(db: Kysely<Database>, collaborationId: string) {
  return db
    .selectFrom('collaboration')
    .select(['name', 'police_district', 'disclosure_threshold'])
    .where('id', '=', collaborationId)
    .executeTakeFirstOrThrow();
}

export async function responseCounts(db: Kysely<Database>, collaborationId: string) {
  return db
    .selectFrom('survey_response')
    .select([
      sql<number>`count(*)::int`.as('total'),
      sql<number>`(count(*) filter (where submitted_at > now() - interval '30 days'))::int`.as('last_30_days'),
    ])
    .where('collaboration_id', '=', collaborationId)
    .where('status', '=', 'accepted')
    .executeTakeFirstOrThrow();
}

/** Point counts per source, split by whether the rows are police-only (disclosure applies to those). */
export async function pointCounts(db: Kysely<Database>, collaborationId: string) {
  return db
    .selectFrom('point')
    .select([
      'source',
      sql<boolean>`classification = 'police_only'`.as('police_only'),
      sql<number>`count(*)::int`.as('total'),
      sql<number>`(count(*) filter (where coalesce(occurred_at, created_at) > now() - interval '30 days'))::int`.as('last_30_days'),
    ])
    .where('collaboration_id', '=', collaborationId)
    .groupBy(['source', sql`classification = 'police_only'`])
    .execute() as Promise<{ source: PointSource; police_only: boolean; total: number; last_30_days: number }[]>;
}
