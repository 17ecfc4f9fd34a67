import { sql, type Insertable, type Kysely, type Updateable } from 'kysely';
import type { Database, DialogueConcernTable, DialogueMeetingTable } from '../../db/schema';

function meetingQuery(db: Kysely<Database>, collaborationId: string) {
  return db
    .selectFrom('dialogue_meeting as m')
    .leftJoin('area as a', 'a.id', 'm.area_id')
    .leftJoin('app_user as u', 'u.id', 'm.created_by')
    .select([
      'm.id',
      'm.held_on',
      'm.place',
      'm.area_id',
      'a.name as area_name',
      'm.audience',
      'm.present',
      'm.notes',
      'u.display_name as created_by_name',
      'm.created_at',
      sql<number>`(select count(*)::int from dialogue_concern c where c.meeting_id = m.id)`.as('concerns'),
      sql<number>`(select coalesce(sum(c.mentions), 0)::int from dialogue_concern c where c.meeting_id = m.id)`.as('mentions'),
    ])
    .where('m.collaboration_id', '=', collaborationId);
}

export type MeetingRow = Awaited<ReturnType<ReturnType<typeof meetingQuery>['executeTakeFirstOrThrow']>>;

export async function listMeetings(db: Kysely<Database>, collaborationId: string): Promise<MeetingRow[]> {
  return meetingQuery(db, collaborationId).orderBy('m.held_on', 'desc').orderBy('m.created_at', 'desc').execute();
}

export async function findMeeting(db: Kysely<Database>, collaborationId: string, meetingId: string): Promise<MeetingRow | undefined> {
  return meetingQuery(db, collaborationId).where('m.id', '=', meetingId).executeTakeFirst();
}

export async function insertMeeting(db: Kysely<Database>, meeting: Insertable<DialogueMeetingTable>): Promise<string> {
  const row = await db.insertInto('dialogue_meeting').values(meeting).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export async function updateMeeting(db: Kysely<Database>, meetingId: string, changes: Updateable<DialogueMeetingTable>): Promise<void> {
  await db
    .updateTable('dialogue_meeting')
    .set({ ...changes, updated_at: sql<Date>`now()` })
    .where('id', '=', meetingId)
    .execute();
}

/** Deleting a meeting deletes its concerns (cascade) and their points (trigger). */
export async function deleteMeeting(db: Kysely<Database>, meetingId: string): Promise<void> {
  await db.deleteFrom('dialogue_meeting').where('id', '=', meetingId).execute();
}

function concernQuery(db: Kysely<Database>, meetingId: string) {
  return db
    .selectFrom('dialogue_concern as c')
    .leftJoin('area as a', 'a.id', 'c.area_id')
    .select(['c.id', 'c.text', 'c.category', 'c.mentions', 'c.lat', 'c.lon', 'c.area_id', 'a.name as area_name', 'c.created_at'])
    .where('c.meeting_id', '=', meetingId);
}

export type ConcernRow = Awaited<ReturnType<ReturnType<typeof concernQuery>['executeTakeFirstOrThrow']>>;

export async function listConcerns(db: Kysely<Database>, meetingId: string): Promise<ConcernRow[]> {
  return concernQuery(db, meetingId).orderBy('c.created_at').orderBy('c.id').execute();
}

export async function findConcern(db: Kysely<Database>, meetingId: string, concernId: string): Promise<ConcernRow | undefined> {
  return concernQuery(db, meetingId).where('c.id', '=', concernId).executeTakeFirst();
}

export async function insertConcern(db: Kysely<Database>, concern: Insertable<DialogueConcernTable>): Promise<string> {
  const row = await db.insertInto('dialogue_concern').values(concern).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export async function updateConcern(db: Kysely<Database>, concernId: string, changes: Updateable<DialogueConcernTable>): Promise<void> {
  await db.updateTable('dialogue_concern').set(changes).where('id', '=', concernId).execute();
}

/** Its point goes with it (trigger). */
export async function deleteConcern(db: Kysely<Database>, concernId: string): Promise<void> {
  await db.deleteFrom('dialogue_concern').where('id', '=', concernId).execute();
}
