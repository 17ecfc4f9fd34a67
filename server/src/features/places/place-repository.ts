import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/schema';

export interface PlaceRow {
  id: string;
  name: string;
  lat: number;
  lon: number;
  pins: number;
}

function places(db: Kysely<Database>, collaborationId: string) {
  return db
    .selectFrom('named_place as p')
    .select(['p.id', 'p.name', 'p.lat', 'p.lon', sql<number>`(select count(*)::int from survey_pin s where s.place_id = p.id)`.as('pins')])
    .where('p.collaboration_id', '=', collaborationId);
}

export async function listPlaces(db: Kysely<Database>, collaborationId: string): Promise<PlaceRow[]> {
  return places(db, collaborationId).orderBy('p.name').execute();
}

/** Id, name and place only (no pin counts), by name: the survey map's markers. */
export async function listPlaceMarkers(db: Kysely<Database>, collaborationId: string) {
  return db
    .selectFrom('named_place')
    .select(['id', 'name', 'lat', 'lon'])
    .where('collaboration_id', '=', collaborationId)
    .orderBy('name')
    .execute();
}

export async function findPlace(db: Kysely<Database>, collaborationId: string, id: string): Promise<PlaceRow | undefined> {
  return places(db, collaborationId).where('p.id', '=', id).executeTakeFirst();
}

export async function nameTaken(db: Kysely<Database>, collaborationId: string, name: string, exceptId?: string): Promise<boolean> {
  let query = db
    .selectFrom('named_place')
    .select('id')
    .where('collaboration_id', '=', collaborationId)
    .where(sql<boolean>`lower(name) = lower(${name})`);
  if (exceptId) query = query.where('id', '!=', exceptId);
  return (await query.executeTakeFirst()) !== undefined;
}

export async function insertPlace(
  db: Kysely<Database>,
  collaborationId: string,
  place: { name: string; lat: number; lon: number },
): Promise<string> {
  const row = await db
    .insertInto('named_place')
    .values({ collaboration_id: collaborationId, ...place })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function updatePlace(
  db: Kysely<Database>,
  collaborationId: string,
  id: string,
  place: { name: string; lat: number; lon: number },
): Promise<void> {
  await db.updateTable('named_place').set(place).where('collaboration_id', '=', collaborationId).where('id', '=', id).execute();
}

/** Answers that chose the place keep their coordinates; only the link to the name goes. */
export async function deletePlace(db: Kysely<Database>, collaborationId: string, id: string): Promise<void> {
  await db.deleteFrom('named_place').where('collaboration_id', '=', collaborationId).where('id', '=', id).execute();
}
