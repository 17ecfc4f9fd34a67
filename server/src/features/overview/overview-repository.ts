import { sql, type Kysely } from 'kysely';
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
