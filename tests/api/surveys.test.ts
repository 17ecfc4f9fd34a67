import { randomUUID } from 'node:crypto';
import {
  must,
  HOME_AREA_ELSEWHERE,
  HOME_AREA_QUESTION_ID,
  standardQuestions,
  type SurveyDetail,
  type SurveyQuestion,
} from '@lagesbild/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ORIGIN, createCollaboration, createUser, createVarnamoBoundary, loginAs, type TestCollaboration } from '../support/fixtures';
import { createTestApp, type TestApp } from '../support/test-app';

let t: TestApp;
let collab: TestCollaboration;
let coordinator: string;
let official: string;
let stranger: string;

beforeAll(async () => {
  t = await createTestApp({ submissionRateLimit: 1000 });
  collab = await createCollaboration(t.app, 'surveys');
  await createVarnamoBoundary(t.app, collab);
  const other = await createCollaboration(t.app, 'surveys-other');
  await createUser(t.app, collab, { email: 'coordinator@surveys.test', role: 'coordinator' });
  await createUser(t.app, collab, { email: 'official@surveys.test', role: 'official' });
  await createUser(t.app, other, { email: 'admin@other.test', role: 'admin' });
  coordinator = await loginAs(t.app, 'coordinator@surveys.test');
  official = await loginAs(t.app, 'official@surveys.test');
  stranger = await loginAs(t.app, 'admin@other.test');
});
afterAll(async () => t.close());

function call(
  cookie: string,
  method: 'GET' | 'POST' | 'PUT' | 'PATCH',
  url: string,
  payload?: object,
  headers: Record<string, string> = {},
) {
  return t.app.inject({ method, url, headers: { origin: ORIGIN, cookie, ...headers }, ...(payload ? { payload } : {}) });
}

async function newSurvey(from: 'standard' | 'empty' = 'standard', name = 'Trygghet 2026'): Promise<SurveyDetail> {
  const res = await call(coordinator, 'POST', '/api/surveys', { name, from });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

const question = (over: Partial<SurveyQuestion> & Pick<SurveyQuestion, 'id' | 'type'>): SurveyQuestion => ({
  required: false,
  label: { sv: 'En fråga', en: 'A question' },
  ...over,
});

describe('survey builder', () => {
  it('creates a survey from the standard questions or empty, as version 1 draft', async () => {
    const standard = await newSurvey('standard');
    expect(standard.current).toMatchObject({ version: 1, status: 'draft' });
    expect(standard.current.questions).toEqual(standardQuestions());
    const empty = await newSurvey('empty', 'Medarbetardialog');
    expect(empty.current.questions).toEqual([]);
    const list = await call(official, 'GET', '/api/surveys');
    expect(list.statusCode).toBe(200);
    expect(list.json().surveys.map((s: { name: string }) => s.name)).toEqual(expect.arrayContaining(['Trygghet 2026', 'Medarbetardialog']));
  });

  it("adds the area-of-residence question with the collaboration's districts once it has some", async () => {
    const district = await t.app.db
      .insertInto('area')
      .values({
        collaboration_id: collab.id,
        name: 'Centrum',
        kind: 'district',
        geometry: JSON.stringify({
          type: 'Polygon',
          coordinates: [
            [
              [14, 57.1],
              [14.1, 57.1],
              [14.1, 57.2],
              [14, 57.1],
            ],
          ],
        }),
        bbox: [14, 57.1, 14.1, 57.2],
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    try {
      const survey = await newSurvey('standard', 'Trygghet med område');
      const homeArea = survey.current.questions.find((q) => q.id === HOME_AREA_QUESTION_ID);
      expect(homeArea).toMatchObject({ type: 'single', required: false, label: { sv: 'I vilket område bor du?' } });
      expect(homeArea?.options?.map((o) => o.value)).toEqual([district.id, HOME_AREA_ELSEWHERE]);
      expect(homeArea?.options?.[0]?.label).toEqual({ sv: 'Centrum', en: 'Centrum' });
    } finally {
      await t.app.db.deleteFrom('area').where('id', '=', district.id).execute();
    }
  });

  it('lets only coordinators and admins change surveys; officials read', async () => {
    expect((await call(official, 'POST', '/api/surveys', { name: 'x', from: 'empty' })).statusCode).toBe(403);
    const survey = await newSurvey();
    expect((await call(official, 'GET', `/api/surveys/${survey.id}`)).statusCode).toBe(200);
    expect((await call(official, 'PUT', `/api/surveys/${survey.id}/questions`, { version: 1, questions: [] })).statusCode).toBe(403);
  });

  it('edits a draft in place: add, change, reorder, remove', async () => {
    const survey = await newSurvey('empty');
    const questions = [
      question({
        id: 'walk',
        type: 'single',
        options: [
          { value: 'yes', label: { sv: 'Ja', en: 'Yes' } },
          { value: 'no', label: { sv: 'Nej', en: 'No' } },
        ],
      }),
      question({ id: 'why', type: 'text', showIf: { questionId: 'walk', anyOf: ['no'] } }),
      question({ id: 'age', type: 'number', min: 16, max: 110 }),
    ];
    const saved = await call(coordinator, 'PUT', `/api/surveys/${survey.id}/questions`, { version: 1, questions });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json().current).toMatchObject({ version: 1, status: 'draft', questions });
    const reordered = [0, 2, 1].map((i) => must(questions[i], `question ${i}`));
    const again = await call(coordinator, 'PUT', `/api/surveys/${survey.id}/questions`, { version: 1, questions: reordered.slice(0, 2) });
    expect(again.json().current.questions.map((q: SurveyQuestion) => q.id)).toEqual(['walk', 'age']);
    expect(again.json().versions).toHaveLength(1);
  });

  it.each([
    ['a question id used twice', [question({ id: 'a', type: 'text' }), question({ id: 'a', type: 'text' })], 'body.questions.1.id'],
    [
      'show-if on a later question',
      [
        question({ id: 'b', type: 'text', showIf: { questionId: 'c', anyOf: ['yes'] } }),
        question({ id: 'c', type: 'single', options: [{ value: 'yes', label: { sv: 'Ja' } }] }),
      ],
      'body.questions.0.showIf.questionId',
    ],
    [
      'show-if on a value that is no option',
      [
        question({ id: 'c', type: 'single', options: [{ value: 'yes', label: { sv: 'Ja' } }] }),
        question({ id: 'b', type: 'text', showIf: { questionId: 'c', anyOf: ['maybe'] } }),
      ],
      'body.questions.1.showIf.anyOf.0',
    ],
    ['a choice question without options', [question({ id: 'c', type: 'multiple' })], 'body.questions.0.options'],
    [
      'a matrix without rows',
      [question({ id: 'm', type: 'matrix', options: [{ value: 'x', label: { sv: 'X' } }] })],
      'body.questions.0.rows',
    ],
    ['min above max', [question({ id: 'n', type: 'number', min: 10, max: 1 })], 'body.questions.0.max'],
  ])('refuses %s with 422 naming the field', async (_name, questions, path) => {
    const survey = await newSurvey('empty');
    const res = await call(coordinator, 'PUT', `/api/surveys/${survey.id}/questions`, { version: 1, questions });
    expect(res.statusCode).toBe(422);
    expect(res.json().error).toBe('INVALID_QUESTIONNAIRE');
    expect(res.json().details.map((d: { path: string }) => d.path)).toContain(path);
  });

  it('refuses a malformed question (schema) with 400 naming the field', async () => {
    const survey = await newSurvey('empty');
    const res = await call(coordinator, 'PUT', `/api/surveys/${survey.id}/questions`, {
      version: 1,
      questions: [{ ...question({ id: 'Bad Id', type: 'text' }) }],
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().details[0].path).toBe('body.questions.0.id');
  });

  it('publishing freezes a version; editing it makes version 2 as a draft; responses keep version 1', async () => {
    const survey = await newSurvey('standard');
    const published = await call(coordinator, 'POST', `/api/surveys/${survey.id}/publish`, { version: 1 });
    expect(published.statusCode, published.body).toBe(200);
    expect(published.json().current).toMatchObject({ version: 1, status: 'published' });
    expect((await call(coordinator, 'POST', `/api/surveys/${survey.id}/publish`, { version: 1 })).statusCode).toBe(409);

    // A campaign on version 1 and one answer to it.
    const campaign = await call(coordinator, 'POST', '/api/campaigns', {
      surveyVersionId: published.json().current.id,
      slug: 'versioner',
      title: { sv: 'Versioner', en: 'Versions' },
      areaId: null,
      audience: 'residents',
      opensAt: new Date(Date.now() - 86_400_000).toISOString(),
      closesAt: new Date(Date.now() + 86_400_000).toISOString(),
    });
    expect(campaign.statusCode, campaign.body).toBe(201);
    const answer = await t.app.inject({
      method: 'POST',
      url: '/api/public/campaigns/versioner/responses',
      headers: { origin: ORIGIN, 'idempotency-key': randomUUID() },
      payload: { locale: 'sv', answers: { safety_evening: 'very_safe' }, pins: [] },
    });
    expect(answer.statusCode, answer.body).toBe(201);

    const v1 = published.json().current as SurveyDetail['current'];
    const changed = [...v1.questions.slice(0, 2), question({ id: 'new_one', type: 'text', label: { sv: 'Ny fråga', en: 'New question' } })];
    const edited = await call(coordinator, 'PUT', `/api/surveys/${survey.id}/questions`, { version: 1, questions: changed });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json().current).toMatchObject({ version: 2, status: 'draft' });
    expect(edited.json().versions.map((v: { version: number; status: string }) => [v.version, v.status])).toEqual([
      [2, 'draft'],
      [1, 'published'],
    ]);
    // Version 1 is untouched, and so is what the answer refers to.
    const stored = await t.app.db.selectFrom('survey_version').select(['questions']).where('id', '=', v1.id).executeTakeFirstOrThrow();
    expect(stored.questions).toEqual(v1.questions);
    const response = await t.app.db
      .selectFrom('survey_response')
      .select('survey_version_id')
      .where('id', '=', answer.json().id)
      .executeTakeFirstOrThrow();
    expect(response.survey_version_id).toBe(v1.id);
    expect(edited.json().versions[1]).toMatchObject({ version: 1, responses: 1, campaigns: 1 });

    // Editing the draft again stays on version 2; a stale editor (version 1) is refused.
    expect(
      (await call(coordinator, 'PUT', `/api/surveys/${survey.id}/questions`, { version: 2, questions: changed.slice(0, 1) })).json().current
        .version,
    ).toBe(2);
    const stale = await call(coordinator, 'PUT', `/api/surveys/${survey.id}/questions`, { version: 1, questions: changed });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error).toBe('VERSION_CHANGED');

    // A draft may be thrown away, back to version 1.
    const discarded = await call(coordinator, 'POST', `/api/surveys/${survey.id}/discard-draft`, { version: 2 });
    expect(discarded.json().current).toMatchObject({ version: 1, status: 'published' });
  });

  it('publishes only a sound questionnaire with every text in English too', async () => {
    const survey = await newSurvey('empty');
    const empty = await call(coordinator, 'POST', `/api/surveys/${survey.id}/publish`, { version: 1 });
    expect(empty.statusCode).toBe(422);
    expect(empty.json().error).toBe('EMPTY_SURVEY');
    await call(coordinator, 'PUT', `/api/surveys/${survey.id}/questions`, {
      version: 1,
      questions: [question({ id: 'q', type: 'text', label: { sv: 'Bara svenska' } })],
    });
    const untranslated = await call(coordinator, 'POST', `/api/surveys/${survey.id}/publish`, { version: 1 });
    expect(untranslated.statusCode).toBe(422);
    expect(untranslated.json().details).toEqual([{ path: 'questions.0.label.en', message: 'needs an English text' }]);
  });

  it('renames, and records every change in the audit log', async () => {
    const survey = await newSurvey('empty', 'Gammalt namn');
    const renamed = await call(coordinator, 'PATCH', `/api/surveys/${survey.id}`, { name: 'Nytt namn' });
    expect(renamed.json().name).toBe('Nytt namn');
    const audit = await t.app.db.selectFrom('audit_log').select('action').where('target_id', '=', survey.id).orderBy('id').execute();
    expect(audit.map((a) => a.action)).toEqual(['survey.create', 'survey.rename']);
  });

  it("answers another collaboration's survey with 404", async () => {
    const survey = await newSurvey();
    expect((await call(stranger, 'GET', `/api/surveys/${survey.id}`)).statusCode).toBe(404);
    expect((await call(stranger, 'PUT', `/api/surveys/${survey.id}/questions`, { version: 1, questions: [] })).statusCode).toBe(404);
    expect((await call(stranger, 'POST', `/api/surveys/${survey.id}/publish`, { version: 1 })).statusCode).toBe(404);
    expect((await call(stranger, 'PATCH', `/api/surveys/${survey.id}`, { name: 'Mine' })).statusCode).toBe(404);
    const list = await call(stranger, 'GET', '/api/surveys');
    expect(list.json().surveys).toEqual([]);
  });
});
