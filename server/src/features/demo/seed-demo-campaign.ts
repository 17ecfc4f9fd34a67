import { HOME_AREA_QUESTION_ID, standardQuestions, type SurveyQuestion } from '@lagesbild/shared';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { residentialDistricts } from '../areas/area-service';
import { demoPlaces } from './generator/generate-demo';

export const DEMO_CAMPAIGN_SLUG = 'demo';
const DAY = 86_400_000;

/** The demo survey: the standard NTU-style questions plus a follow-up and an open comment. */
export function demoQuestions(districts: readonly { id: string; name: string }[] = []): SurveyQuestion[] {
  const questions = standardQuestions(districts);
  const background = questions.findIndex((q) => q.id === 'age_band');
  questions.splice(background, 0, {
    id: 'other_comments',
    type: 'text',
    required: false,
    label: {
      sv: 'Vill du berätta något mer om tryggheten där du bor?',
      en: 'Is there anything else you want to tell us about safety where you live?',
    },
  });
  const avoided = questions.findIndex((q) => q.id === 'avoided_places');
  questions.splice(avoided + 1, 0, {
    id: 'avoided_how',
    type: 'multiple',
    required: false,
    label: { sv: 'Vad har du gjort?', en: 'What have you done?' },
    options: [
      { value: 'other_route', label: { sv: 'Valt en annan väg', en: 'Taken another route' } },
      { value: 'stayed_home', label: { sv: 'Stannat hemma', en: 'Stayed at home' } },
      { value: 'company', label: { sv: 'Sett till att ha sällskap', en: 'Made sure to have company' } },
      { value: 'transport', label: { sv: 'Tagit bil eller taxi', en: 'Taken a car or taxi' } },
    ],
    showIf: { questionId: 'avoided_places', anyOf: ['yes'] },
  });
  return questions;
}

/**
 * A published survey, last year's closed campaign holding the generated responses, and the
 * open campaign `demo` residents can answer now, with the demo's named places.
 */
export async function seedDemoCampaign(db: Kysely<Database>, collaborationId: string, now = new Date()): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const districts = await residentialDistricts(trx, collaborationId);
    const survey = await trx
      .insertInto('survey')
      .values({ collaboration_id: collaborationId, name: 'Trygghetsundersökning' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const version = await trx
      .insertInto('survey_version')
      .values({
        survey_id: survey.id,
        version: 1,
        status: 'published',
        questions: JSON.stringify(demoQuestions(districts)),
        published_at: new Date(now.getTime() - 800 * DAY),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const earlier = await trx
      .insertInto('campaign')
      .values({
        collaboration_id: collaborationId,
        survey_version_id: version.id,
        slug: 'trygghet-tidigare',
        title: JSON.stringify({ sv: 'Trygghetsundersökningen, tidigare omgångar', en: 'The safety survey, earlier rounds' }),
        audience: 'residents',
        opens_at: new Date(now.getTime() - 740 * DAY),
        closes_at: new Date(now.getTime() - 31 * DAY),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx
      .updateTable('survey_response')
      // The generated answers carry their district; the home-area question says the same.
      .set({
        campaign_id: earlier.id,
        survey_version_id: version.id,
        answers: sql`case when area_id is null then answers else answers || jsonb_build_object(${HOME_AREA_QUESTION_ID}::text, area_id::text) end`,
      })
      .where('collaboration_id', '=', collaborationId)
      .where('campaign_id', 'is', null)
      .execute();
    await trx
      .insertInto('campaign')
      .values({
        collaboration_id: collaborationId,
        survey_version_id: version.id,
        slug: DEMO_CAMPAIGN_SLUG,
        title: JSON.stringify({ sv: 'Hur trygg känner du dig i Värnamo?', en: 'How safe do you feel in Värnamo?' }),
        audience: 'residents',
        opens_at: new Date(now.getTime() - 30 * DAY),
        closes_at: new Date(now.getTime() + 90 * DAY),
      })
      .execute();
    await trx
      .insertInto('named_place')
      .values(demoPlaces().map((p) => ({ collaboration_id: collaborationId, ...p })))
      .execute();
  });
}
