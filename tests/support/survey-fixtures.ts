import { randomUUID } from 'node:crypto';
import { must, standardQuestions, type SurveyQuestion } from '@lagesbild/shared';
import type { FastifyInstance } from 'fastify';
import { ORIGIN, type TestCollaboration } from './fixtures';

/** Ids of one collaboration's survey records, for samples that need real ones (authorization matrix). */
export interface SurveyFixtures {
  survey: string;
  version: string;
  draftSurvey: string;
  campaign: string;
  place: string;
  placeToDelete: string;
  text: string;
  flagged: string;
}

/**
 * A published survey with a text question, an open campaign, two named places, one answer
 * with free text and one flagged repeat answer (through the public API, as a phone sends it).
 */
export async function createSurveyFixtures(app: FastifyInstance, collaboration: TestCollaboration, slug: string): Promise<SurveyFixtures> {
  const questions: SurveyQuestion[] = [
    ...standardQuestions(),
    { id: 'other_comments', type: 'text', required: false, label: { sv: 'Något mer?', en: 'Anything else?' } },
  ];
  const survey = await app.db
    .insertInto('survey')
    .values({ collaboration_id: collaboration.id, name: `Enkät ${slug}` })
    .returning('id')
    .executeTakeFirstOrThrow();
  const version = await app.db
    .insertInto('survey_version')
    .values({ survey_id: survey.id, version: 1, status: 'published', questions: JSON.stringify(questions), published_at: new Date() })
    .returning('id')
    .executeTakeFirstOrThrow();
  const draft = await app.db
    .insertInto('survey')
    .values({ collaboration_id: collaboration.id, name: `Utkast ${slug}` })
    .returning('id')
    .executeTakeFirstOrThrow();
  await app.db
    .insertInto('survey_version')
    .values({ survey_id: draft.id, version: 1, status: 'draft', questions: JSON.stringify([]) })
    .execute();
  const campaign = await app.db
    .insertInto('campaign')
    .values({
      collaboration_id: collaboration.id,
      survey_version_id: version.id,
      slug,
      title: JSON.stringify({ sv: `Kampanj ${slug}` }),
      audience: 'residents',
      opens_at: new Date(Date.now() - 86_400_000),
      closes_at: new Date(Date.now() + 86_400_000),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const places = await app.db
    .insertInto('named_place')
    .values([
      { collaboration_id: collaboration.id, name: `Torget ${slug}`, lat: 57.18, lon: 14.04 },
      { collaboration_id: collaboration.id, name: `Parken ${slug}`, lat: 57.19, lon: 14.05 },
    ])
    .returning('id')
    .execute();
  const deviceToken = `fixture-${randomUUID().replaceAll('-', '')}`;
  const answer = async () => {
    const res = await app.inject({
      method: 'POST',
      url: `/api/public/campaigns/${slug}/responses`,
      headers: { origin: ORIGIN, 'idempotency-key': randomUUID() },
      payload: {
        locale: 'sv',
        answers: { other_comments: 'Mörkt vid torget' },
        pins: [{ lat: 57.18, lon: 14.04, category: 'lighting' }],
        deviceToken,
      },
    });
    if (res.statusCode !== 201) throw new Error(`fixture answer failed: ${res.statusCode} ${res.body}`);
    return res.json().id as string;
  };
  const first = await answer();
  const flagged = await answer();
  const text = await app.db.selectFrom('free_text').select('id').where('response_id', '=', first).executeTakeFirstOrThrow();
  return {
    survey: survey.id,
    version: version.id,
    draftSurvey: draft.id,
    campaign: campaign.id,
    place: must(places[0], 'the first place').id,
    placeToDelete: must(places[1], 'the second place').id,
    text: text.id,
    flagged,
  };
}
