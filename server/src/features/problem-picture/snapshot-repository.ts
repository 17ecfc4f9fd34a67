import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';

const summaryColumns = [
  's.id',
  's.title',
  's.period_from',
  's.period_to',
  'a.name as area_name',
  's.created_at',
  'u.display_name as created_by',
] as const;

export async function insertSnapshot(
  db: Kysely<Database>,
  snapshot: {
    collaborationId: string;
    title: string;
    from: string;
    to: string;
    areaId: string | null;
    payload: unknown;
    createdBy: string | null;
  },
): Promise<string> {
  const row = await db
    .insertInto('lagesbild_snapshot')
    .values({
      collaboration_id: snapshot.collaborationId,
      title: snapshot.title,
      period_from: snapshot.from,
      period_to: snapshot.to,
      area_id: snapshot.areaId,
      payload: JSON.stringify(snapshot.payload),
      created_by: snapshot.createdBy,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function listSnapshots(db: Kysely<Database>, collaborationId: string) {
  return db
    .selectFrom('lagesbild_snapshot as s')
    .leftJoin('area as a', 'a.id', 's.area_id')
    .leftJoin('app_user as u', 'u.id', 's.created_by')
    .select(summaryColumns)
    .where('s.collaboration_id', '=', collaborationId)
    .orderBy('s.created_at', 'desc')
    .execute();
}

export async function findSnapshot(db: Kysely<Database>, collaborationId: string, id: string) {
  return db
    .selectFrom('lagesbild_snapshot as s')
    .leftJoin('area as a', 'a.id', 's.area_id')
    .leftJoin('app_user as u', 'u.id', 's.created_by')
    .select([...summaryColumns, 's.payload'])
    .where('s.collaboration_id', '=', collaborationId)
    .where('s.id', '=', id)
    .executeTakeFirst();
}
