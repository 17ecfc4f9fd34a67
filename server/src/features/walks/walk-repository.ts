import type { ActionStatus } from '@lagesbild/shared';
import { sql, type Insertable, type Kysely, type Updateable } from 'kysely';
import type { Database, SafetyWalkTable, WalkStopTable } from '../../db/schema';

/** A walk with its area, creator and counts, as lists and pages show it. */
function walkQuery(db: Kysely<Database>, collaborationId: string) {
  return db
    .selectFrom('safety_walk as w')
    .leftJoin('area as a', 'a.id', 'w.area_id')
    .leftJoin('app_user as u', 'u.id', 'w.created_by')
    .select([
      'w.id',
      'w.title',
      'w.area_id',
      'a.name as area_name',
      'w.route_description',
      'w.walked_on',
      'w.light',
      'w.participants',
      'w.partners',
      'w.status',
      'u.display_name as created_by_name',
      'w.created_at',
      sql<number>`(select count(*)::int from walk_stop s where s.walk_id = w.id)`.as('stops'),
      sql<number>`(select count(*)::int from walk_photo p join walk_stop s on s.id = p.stop_id where s.walk_id = w.id)`.as('photos'),
      sql<number>`(select count(*)::int from walk_stop s where s.walk_id = w.id and s.action_text is not null and s.action_status = 'open')`.as(
        'open_actions',
      ),
    ])
    .where('w.collaboration_id', '=', collaborationId);
}

export type WalkRow = Awaited<ReturnType<ReturnType<typeof walkQuery>['executeTakeFirstOrThrow']>>;

export async function listWalks(db: Kysely<Database>, collaborationId: string): Promise<WalkRow[]> {
  return walkQuery(db, collaborationId).orderBy('w.walked_on', 'desc').orderBy('w.created_at', 'desc').execute();
}

export async function findWalk(db: Kysely<Database>, collaborationId: string, walkId: string): Promise<WalkRow | undefined> {
  return walkQuery(db, collaborationId).where('w.id', '=', walkId).executeTakeFirst();
}

export async function insertWalk(db: Kysely<Database>, walk: Insertable<SafetyWalkTable>): Promise<string> {
  const row = await db.insertInto('safety_walk').values(walk).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export async function updateWalk(db: Kysely<Database>, walkId: string, changes: Updateable<SafetyWalkTable>): Promise<void> {
  await db
    .updateTable('safety_walk')
    .set({ ...changes, updated_at: sql<Date>`now()` })
    .where('id', '=', walkId)
    .execute();
}

const stopColumns = [
  'id',
  'client_id',
  'body_hash',
  'lat',
  'lon',
  'x',
  'y',
  'lighting',
  'openness',
  'visibility',
  'people',
  'security',
  'walk_path',
  'transport',
  'mixed_use',
  'feeling',
  'notes',
  'action_text',
  'action_owner',
  'action_owner_name',
  'action_status',
  'recorded_at',
  'created_at',
] as const;

export type StopRow = NonNullable<Awaited<ReturnType<typeof findStop>>>;

export async function listStops(db: Kysely<Database>, walkId: string) {
  return db.selectFrom('walk_stop').select(stopColumns).where('walk_id', '=', walkId).orderBy('created_at').orderBy('id').execute();
}

export async function findStop(db: Kysely<Database>, walkId: string, clientId: string) {
  return db.selectFrom('walk_stop').select(stopColumns).where('walk_id', '=', walkId).where('client_id', '=', clientId).executeTakeFirst();
}

/** Inserts the stop unless its client id is already stored for the walk; undefined then. */
export async function insertStopOnce(db: Kysely<Database>, stop: Insertable<WalkStopTable>): Promise<string | undefined> {
  const row = await db
    .insertInto('walk_stop')
    .values(stop)
    .onConflict((oc) => oc.columns(['walk_id', 'client_id']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return row?.id;
}

export async function updateStopAction(db: Kysely<Database>, stopId: string, status: ActionStatus): Promise<void> {
  await db.updateTable('walk_stop').set({ action_status: status }).where('id', '=', stopId).execute();
}

/** Deleting a stop removes its photos (cascade) and its points (trigger). */
export async function deleteStop(db: Kysely<Database>, stopId: string): Promise<void> {
  await db.deleteFrom('walk_stop').where('id', '=', stopId).execute();
}

const photoColumns = ['id', 'stop_id', 'client_id', 'content_type', 'size', 'sha256', 'width', 'height', 'created_at'] as const;

/** Photo descriptions (no bytes) of the given stops. */
export async function listPhotos(db: Kysely<Database>, stopIds: readonly string[]) {
  if (stopIds.length === 0) return [];
  return db.selectFrom('walk_photo').select(photoColumns).where('stop_id', 'in', stopIds).orderBy('created_at').orderBy('id').execute();
}

export async function findPhoto(db: Kysely<Database>, stopId: string, clientId: string) {
  return db
    .selectFrom('walk_photo')
    .select(photoColumns)
    .where('stop_id', '=', stopId)
    .where('client_id', '=', clientId)
    .executeTakeFirst();
}

export async function photoBytes(db: Kysely<Database>, stopId: string, clientId: string) {
  return db
    .selectFrom('walk_photo')
    .select(['content_type', 'bytes', 'size'])
    .where('stop_id', '=', stopId)
    .where('client_id', '=', clientId)
    .executeTakeFirst();
}

/** Every photo of a walk with its bytes, for the Word protocol. */
export async function walkPhotoBytes(db: Kysely<Database>, walkId: string) {
  return db
    .selectFrom('walk_photo as p')
    .innerJoin('walk_stop as s', 's.id', 'p.stop_id')
    .select(['s.client_id as stop_client_id', 'p.content_type', 'p.bytes', 'p.width', 'p.height'])
    .where('s.walk_id', '=', walkId)
    .orderBy('p.created_at')
    .orderBy('p.id')
    .execute();
}

export async function countPhotos(db: Kysely<Database>, stopId: string): Promise<number> {
  const row = await db
    .selectFrom('walk_photo')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('stop_id', '=', stopId)
    .executeTakeFirstOrThrow();
  return row.n;
}

export async function insertPhotoOnce(
  db: Kysely<Database>,
  photo: {
    stopId: string;
    clientId: string;
    contentType: 'image/jpeg' | 'image/png' | 'image/webp';
    bytes: Uint8Array;
    sha256: string;
    width: number | null;
    height: number | null;
  },
): Promise<boolean> {
  const row = await db
    .insertInto('walk_photo')
    .values({
      stop_id: photo.stopId,
      client_id: photo.clientId,
      content_type: photo.contentType,
      bytes: photo.bytes,
      size: photo.bytes.length,
      sha256: photo.sha256,
      width: photo.width,
      height: photo.height,
    })
    .onConflict((oc) => oc.columns(['stop_id', 'client_id']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return row !== undefined;
}

/** Suggested actions of the collaboration's walk stops, with their walk and district. */
export async function listActions(db: Kysely<Database>, collaborationId: string, status: ActionStatus) {
  return db
    .selectFrom('walk_stop as s')
    .innerJoin('safety_walk as w', 'w.id', 's.walk_id')
    .select([
      'w.id as walk_id',
      'w.title as walk_title',
      'w.walked_on',
      'w.light',
      's.id as stop_id',
      's.client_id',
      's.lat',
      's.lon',
      's.action_text',
      's.action_owner',
      's.action_owner_name',
      's.action_status',
      'lighting',
      'openness',
      'visibility',
      'people',
      'security',
      'walk_path',
      'transport',
      'mixed_use',
      'feeling',
    ])
    .where('w.collaboration_id', '=', collaborationId)
    .where('s.action_text', 'is not', null)
    .where('s.action_status', '=', status)
    .orderBy('w.walked_on', 'desc')
    .orderBy('s.created_at')
    .execute();
}

export async function collaborationName(db: Kysely<Database>, collaborationId: string): Promise<string> {
  const row = await db.selectFrom('collaboration').select('name').where('id', '=', collaborationId).executeTakeFirstOrThrow();
  return row.name;
}

/** Open actions of the walks a person created (the mail digest's "walk actions you own"). */
export async function openActionsOfWalksBy(db: Kysely<Database>, collaborationId: string, userId: string) {
  return db
    .selectFrom('walk_stop as s')
    .innerJoin('safety_walk as w', 'w.id', 's.walk_id')
    .select(['w.id as walk_id', 'w.title as walk_title', 's.action_text'])
    .where('w.collaboration_id', '=', collaborationId)
    .where('w.created_by', '=', userId)
    .where('s.action_text', 'is not', null)
    .where('s.action_status', '=', 'open')
    .orderBy('w.walked_on', 'desc')
    .orderBy('s.created_at')
    .execute();
}
