import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';

type Db = Kysely<Database>;

export async function findCollaboration(db: Db, collaborationId: string) {
  return db
    .selectFrom('collaboration')
    .select(['id', 'slug', 'name', 'police_district', 'languages', 'disclosure_threshold'])
    .where('id', '=', collaborationId)
    .executeTakeFirst();
}

export async function municipalitiesOf(db: Db, collaborationId: string) {
  return db.selectFrom('municipality').select(['code', 'name']).where('collaboration_id', '=', collaborationId).orderBy('code').execute();
}

export async function insertCollaboration(db: Db, c: { slug: string; name: string; policeDistrict: string }): Promise<string> {
  const row = await db
    .insertInto('collaboration')
    .values({ slug: c.slug, name: c.name, police_district: c.policeDistrict })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function updateCollaboration(
  db: Db,
  collaborationId: string,
  changes: { name?: string; police_district?: string; languages?: string[]; disclosure_threshold?: number },
): Promise<void> {
  if (Object.keys(changes).length === 0) return;
  await db.updateTable('collaboration').set(changes).where('id', '=', collaborationId).execute();
}

/** Replaces the municipalities, keeping the population already known for a code that stays. */
export async function replaceMunicipalities(db: Db, collaborationId: string, municipalities: { code: string; name: string }[]) {
  const codes = municipalities.map((m) => m.code);
  await db.deleteFrom('municipality').where('collaboration_id', '=', collaborationId).where('code', 'not in', codes).execute();
  await db
    .insertInto('municipality')
    .values(municipalities.map((m) => ({ collaboration_id: collaborationId, code: m.code, name: m.name })))
    .onConflict((oc) => oc.columns(['collaboration_id', 'code']).doNothing())
    .execute();
}
