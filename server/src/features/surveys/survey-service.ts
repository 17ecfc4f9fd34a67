import {
  must,
  missingTranslations,
  questionnaireProblems,
  standardQuestions,
  type CreateSurveyBody,
  type PublishSurveyBody,
  type SaveQuestionsBody,
  type SurveyDetail,
  type SurveyList,
  type SurveyVersionSummary,
} from '@lagesbild/shared';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import type { Actor } from '../../lib/actor';
import { HttpError } from '../../plugins/errors';
import { residentialDistricts } from '../areas/area-service';
import { recordAudit } from '../audit/audit-repository';
import * as surveys from './survey-repository';

function toVersionSummary(row: surveys.VersionRow): SurveyVersionSummary {
  return {
    id: row.id,
    version: row.version,
    status: row.status,
    questionCount: row.question_count,
    createdAt: row.created_at.toISOString(),
    publishedAt: row.published_at?.toISOString() ?? null,
    campaigns: row.campaigns,
    responses: row.responses,
  };
}

export async function listSurveys(db: Kysely<Database>, collaborationId: string): Promise<SurveyList> {
  const rows = await surveys.listSurveys(db, collaborationId);
  const versions = await surveys.versionsOf(
    db,
    rows.map((r) => r.id),
  );
  return {
    surveys: rows.map((row) => {
      const own = versions.filter((v) => v.survey_id === row.id);
      return {
        id: row.id,
        name: row.name,
        createdAt: row.created_at.toISOString(),
        latest: toVersionSummary(must(own[0], 'the latest version')),
        published: own.find((v) => v.status === 'published')?.version ?? null,
      };
    }),
  };
}

async function surveyOrNotFound(db: Kysely<Database>, collaborationId: string, surveyId: string) {
  // Another collaboration's survey is "not found": its existence is not ours to reveal.
  const row = await surveys.findSurvey(db, collaborationId, surveyId);
  if (!row) throw new HttpError(404, 'SURVEY_NOT_FOUND', 'no such survey in your collaboration');
  return row;
}

export async function surveyDetail(db: Kysely<Database>, collaborationId: string, surveyId: string): Promise<SurveyDetail> {
  const survey = await surveyOrNotFound(db, collaborationId, surveyId);
  const [versions, current] = await Promise.all([surveys.versionsOf(db, [survey.id]), surveys.latestVersion(db, survey.id)]);
  return {
    id: survey.id,
    name: survey.name,
    createdAt: survey.created_at.toISOString(),
    versions: versions.map(toVersionSummary),
    current: { id: current.id, version: current.version, status: current.status, questions: current.questions },
  };
}

function refuseUnsound(problems: { path: string; message: string }[], code = 'INVALID_QUESTIONNAIRE'): void {
  const [first] = problems;
  if (!first) return;
  throw new HttpError(422, code, `${first.path} ${first.message}`, { details: problems });
}

export async function createSurvey(db: Kysely<Database>, actor: Actor, body: CreateSurveyBody): Promise<SurveyDetail> {
  const id = await db.transaction().execute(async (trx) => {
    const surveyId = await surveys.insertSurvey(trx, actor.collaborationId, body.name.trim());
    const questions = body.from === 'standard' ? standardQuestions(await residentialDistricts(trx, actor.collaborationId)) : [];
    await surveys.insertDraft(trx, surveyId, 1, questions);
    await recordAudit(trx, {
      collaborationId: actor.collaborationId,
      actorUserId: actor.userId,
      action: 'survey.create',
      targetType: 'survey',
      targetId: surveyId,
      details: { from: body.from },
    });
    return surveyId;
  });
  return surveyDetail(db, actor.collaborationId, id);
}

export async function renameSurvey(db: Kysely<Database>, actor: Actor, surveyId: string, name: string): Promise<SurveyDetail> {
  await db.transaction().execute(async (trx) => {
    await surveyOrNotFound(trx, actor.collaborationId, surveyId);
    await surveys.renameSurvey(trx, surveyId, name.trim());
    await recordAudit(trx, {
      collaborationId: actor.collaborationId,
      actorUserId: actor.userId,
      action: 'survey.rename',
      targetType: 'survey',
      targetId: surveyId,
    });
  });
  return surveyDetail(db, actor.collaborationId, surveyId);
}

/** The survey locked, and its newest version, which the caller must have seen (optimistic check). */
async function lockedLatest(trx: Kysely<Database>, actor: Actor, surveyId: string, seenVersion: number) {
  const survey = await surveys.lockSurvey(trx, actor.collaborationId, surveyId);
  if (!survey) throw new HttpError(404, 'SURVEY_NOT_FOUND', 'no such survey in your collaboration');
  const latest = await surveys.latestVersion(trx, surveyId);
  if (latest.version !== seenVersion) {
    throw new HttpError(409, 'VERSION_CHANGED', `the survey is at version ${latest.version} now; reload it and make the change again`, {
      details: [{ path: 'body.version', message: `the newest version is ${latest.version}` }],
    });
  }
  return latest;
}

/**
 * Saves the questions. A draft is changed in place; a published version is frozen (campaigns
 * and answers refer to it), so saving makes the next version as a draft with these questions.
 */
export async function saveQuestions(db: Kysely<Database>, actor: Actor, surveyId: string, body: SaveQuestionsBody): Promise<SurveyDetail> {
  await surveyOrNotFound(db, actor.collaborationId, surveyId);
  refuseUnsound(questionnaireProblems(body.questions, 'body.questions'));
  await db.transaction().execute(async (trx) => {
    const latest = await lockedLatest(trx, actor, surveyId, body.version);
    let version = latest.version;
    if (latest.status === 'draft') {
      await surveys.updateDraftQuestions(trx, latest.id, body.questions);
    } else {
      version = latest.version + 1;
      await surveys.insertDraft(trx, surveyId, version, body.questions);
    }
    await recordAudit(trx, {
      collaborationId: actor.collaborationId,
      actorUserId: actor.userId,
      action: latest.status === 'draft' ? 'survey.edit' : 'survey.new_version',
      targetType: 'survey',
      targetId: surveyId,
      details: { version, questions: body.questions.length },
    });
  });
  return surveyDetail(db, actor.collaborationId, surveyId);
}

/** Freezes the draft: from now on campaigns may use it and it never changes again. */
export async function publishSurvey(db: Kysely<Database>, actor: Actor, surveyId: string, body: PublishSurveyBody): Promise<SurveyDetail> {
  await db.transaction().execute(async (trx) => {
    const latest = await lockedLatest(trx, actor, surveyId, body.version);
    if (latest.status !== 'draft') throw new HttpError(409, 'ALREADY_PUBLISHED', `version ${latest.version} is already published`);
    const questions = latest.questions;
    if (questions.length === 0) {
      throw new HttpError(422, 'EMPTY_SURVEY', 'add at least one question before publishing', {
        details: [{ path: 'questions', message: 'is empty' }],
      });
    }
    refuseUnsound(questionnaireProblems(questions));
    // Every text in both languages: residents choose Swedish or English.
    refuseUnsound(missingTranslations(questions), 'MISSING_TRANSLATION');
    await surveys.publishVersion(trx, latest.id);
    await recordAudit(trx, {
      collaborationId: actor.collaborationId,
      actorUserId: actor.userId,
      action: 'survey.publish',
      targetType: 'survey',
      targetId: surveyId,
      details: { version: latest.version, versionId: latest.id },
    });
  });
  return surveyDetail(db, actor.collaborationId, surveyId);
}

/** Throws away an unpublished next version, going back to the published one before it. */
export async function discardDraft(db: Kysely<Database>, actor: Actor, surveyId: string, body: PublishSurveyBody): Promise<SurveyDetail> {
  await db.transaction().execute(async (trx) => {
    const latest = await lockedLatest(trx, actor, surveyId, body.version);
    if (latest.status !== 'draft') throw new HttpError(409, 'NOT_A_DRAFT', `version ${latest.version} is published and stays`);
    if (latest.version === 1) throw new HttpError(409, 'FIRST_VERSION', 'the first version is the survey itself; edit it instead');
    await surveys.deleteDraft(trx, latest.id);
    await recordAudit(trx, {
      collaborationId: actor.collaborationId,
      actorUserId: actor.userId,
      action: 'survey.discard_draft',
      targetType: 'survey',
      targetId: surveyId,
      details: { version: latest.version },
    });
  });
  return surveyDetail(db, actor.collaborationId, surveyId);
}
