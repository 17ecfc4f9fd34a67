import { sql, type Kysely } from 'kysely';
import type { SurveyQuestion } from '@lagesbild/shared';
import type { Database } from '../../db/schema';

export interface VersionRow {
  id: string;
  survey_id: string;
  version: number;
  status: 'draft' | 'published';
  question_count: number;
  created_at: Date;
  published_at: Date | null;
  campaigns: number;
  responses: number;
}

export async function listSurveys(db: Kysely<Database>, collaborationId: string) {
  return db
    .selectFrom('survey')
    .select(['id', 'name', 'created_at'])
    .where('collaboration_id', '=', collaborationId)
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .execute();
}

export async function findSurvey(db: Kysely<Database>, collaborationId: string, surveyId: string) {
  return db
    .selectFrom('survey')
    .select(['id', 'name', 'created_at'])
    .where('collaboration_id', '=', collaborationId)
    .where('id', '=', surveyId)
    .executeTakeFirst();
}

/** Locks the survey row: version numbers are handed out one editor at a time. */
export async function lockSurvey(db: Kysely<Database>, collaborationId: string, surveyId: string) {
  return db
    .selectFrom('survey')
    .select(['id', 'name'])
    .where('collaboration_id', '=', collaborationId)
    .where('id', '=', surveyId)
    .forUpdate()
    .executeTakeFirst();
}

/** Every version of the given surveys with how many campaigns and responses use it, newest first. */
export async function versionsOf(db: Kysely<Database>, surveyIds: string[]): Promise<VersionRow[]> {
  if (surveyIds.length === 0) return [];
  return db
    .selectFrom('survey_version as v')
    .select([
      'v.id',
      'v.survey_id',
      'v.version',
      'v.status',
      sql<number>`jsonb_array_length(v.questions)::int`.as('question_count'),
      'v.created_at',
      'v.published_at',
      sql<number>`(select count(*)::int from campaign c where c.survey_version_id = v.id)`.as('campaigns'),
      sql<number>`(select count(*)::int from survey_response r where r.survey_version_id = v.id)`.as('responses'),
    ])
    .where('v.survey_id', 'in', surveyIds)
    .orderBy('v.survey_id')
    .orderBy('v.version', 'desc')
    .execute();
}

export async function latestVersion(db: Kysely<Database>, surveyId: string) {
  return db
    .selectFrom('survey_version')
    .select(['id', 'version', 'status', 'questions'])
    .where('survey_id', '=', surveyId)
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirstOrThrow();
}

export async function insertSurvey(db: Kysely<Database>, collaborationId: string, name: string): Promise<string> {
  const row = await db.insertInto('survey').values({ collaboration_id: collaborationId, name }).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export async function renameSurvey(db: Kysely<Database>, surveyId: string, name: string): Promise<void> {
  await db.updateTable('survey').set({ name }).where('id', '=', surveyId).execute();
}

export async function insertDraft(db: Kysely<Database>, surveyId: string, version: number, questions: SurveyQuestion[]): Promise<string> {
  const row = await db
    .insertInto('survey_version')
    .values({ survey_id: surveyId, version, status: 'draft', questions: JSON.stringify(questions) })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Only a draft's questions ever change: the status condition makes that a rule of the query too. */
export async function updateDraftQuestions(db: Kysely<Database>, versionId: string, questions: SurveyQuestion[]): Promise<void> {
  await db
    .updateTable('survey_version')
    .set({ questions: JSON.stringify(questions) })
    .where('id', '=', versionId)
    .where('status', '=', 'draft')
    .execute();
}

export async function publishVersion(db: Kysely<Database>, versionId: string): Promise<void> {
  await db
    .updateTable('survey_version')
    .set({ status: 'published', published_at: sql<Date>`now()` })
    .where('id', '=', versionId)
    .where('status', '=', 'draft')
    .execute();
}

export async function deleteDraft(db: Kysely<Database>, versionId: string): Promise<void> {
  await db.deleteFrom('survey_version').where('id', '=', versionId).where('status', '=', 'draft').execute();
}
