import { randomUUID } from 'node:crypto';
import {
  HOME_AREA_QUESTION_ID,
  answerProblems,
  hasContent,
  isLocale,
  pointInGeometry,
  type SubmitResponseBody,
  type SubmittedPin,
} from '@lagesbild/shared';
import { HttpError } from '../../plugins/errors';
import type { CampaignContext } from './campaign-context';
import type { NewPin } from './response-repository';
import { surveyPoint } from './survey-point';

/** What validation needs of an answer, whichever channel it came through. */
export interface AnswerInput {
  body: Pick<SubmitResponseBody, 'locale' | 'answers' | 'pins'>;
  acceptAfterClose: boolean;
  now: Date;
}

export interface PreparedAnswer {
  areaId: string | null;
  closedAnswers: Record<string, unknown>;
  pins: NewPin[];
  texts: { questionId: string; text: string }[];
}

/** Checks the period and the answer against the survey; throws the first problem as a 4xx. */
export function prepareAnswer(context: CampaignContext, input: AnswerInput): PreparedAnswer {
  const { campaign } = context;
  const { body, now } = input;
  if (now < campaign.opens_at)
    throw new HttpError(409, 'CAMPAIGN_NOT_OPEN', `the survey opens ${campaign.opens_at.toISOString().slice(0, 10)}`);
  if (now >= campaign.closes_at && !input.acceptAfterClose) {
    throw new HttpError(410, 'CAMPAIGN_CLOSED', 'the survey has closed; thank you for wanting to answer');
  }

  const questions = campaign.questions;
  const problems = answerProblems(questions, body.answers, body.pins.length);
  if (!isLocale(body.locale)) problems.push({ path: 'body.locale', message: 'is not a supported language' });
  const pinsAsked = questions.some((q) => q.type === 'pins');
  if (!pinsAsked && body.pins.length > 0) problems.push({ path: 'pins', message: 'this survey asks for no places' });
  const pins = preparePins(context, body.pins, problems, now);
  const [first] = problems;
  if (first) {
    throw new HttpError(422, 'INVALID_ANSWER', `${first.path} ${first.message}`, {
      details: problems.map((p) => ({ path: p.path.startsWith('body.') ? p.path : `body.${p.path}`, message: p.message })),
    });
  }
  if (!hasContent(body.answers, pins.length)) {
    throw new HttpError(422, 'EMPTY_ANSWER', 'the answer holds no answered question and no place');
  }

  const textIds = new Set(questions.filter((q) => q.type === 'text').map((q) => q.id));
  const texts = Object.entries(body.answers)
    .filter(([id, value]) => textIds.has(id) && typeof value === 'string' && value.trim() !== '')
    .map(([questionId, value]) => ({ questionId, text: (value as string).trim() }));
  // Free text is kept apart, behind moderation; the answers keep only closed questions.
  const closedAnswers = Object.fromEntries(Object.entries(body.answers).filter(([id]) => !textIds.has(id)));
  return { areaId: homeAreaOf(context, body.answers), closedAnswers, pins, texts };
}

/** The district the respondent says they live in (the home-area question), if it is one of the collaboration's. */
function homeAreaOf(context: CampaignContext, answers: Record<string, unknown>): string | null {
  const answer = answers[HOME_AREA_QUESTION_ID];
  return typeof answer === 'string' && context.districts.some((d) => d.id === answer) ? answer : null;
}

function preparePins(
  context: CampaignContext,
  submitted: SubmittedPin[],
  problems: { path: string; message: string }[],
  now: Date,
): NewPin[] {
  const { campaign, area, districts, places } = context;
  const pins: NewPin[] = [];
  for (const [i, pin] of submitted.entries()) {
    const path = `pins.${i}`;
    const hasCoordinates = pin.lat !== undefined || pin.lon !== undefined;
    if (hasCoordinates && (pin.lat === undefined || pin.lon === undefined)) {
      problems.push({ path, message: 'needs both lat and lon' });
      continue;
    }
    const ways = [hasCoordinates, pin.placeId !== undefined, pin.placeDescription !== undefined].filter(Boolean).length;
    if (ways !== 1) {
      problems.push({ path, message: 'give exactly one of: lat and lon, placeId, placeDescription' });
      continue;
    }
    let lat = pin.lat ?? null;
    let lon = pin.lon ?? null;
    if (pin.placeId) {
      const place = places.find((p) => p.id === pin.placeId);
      if (!place) {
        problems.push({ path: `${path}.placeId`, message: 'is not one of the places of this survey' });
        continue;
      }
      lat = place.lat;
      lon = place.lon;
    }
    if (lat !== null && lon !== null && area.length > 0 && !area.some((g) => pointInGeometry(lon, lat, g))) {
      problems.push({ path, message: "is outside the survey's area" });
      continue;
    }
    const times = pin.times ?? [];
    const point =
      lat !== null && lon !== null
        ? {
            ...surveyPoint(
              campaign.collaboration_id,
              districts,
              { category: pin.category, times, lat, lon, generalised: pin.placeId !== undefined },
              now,
            ),
            id: randomUUID(),
          }
        : null;
    pins.push({
      id: randomUUID(),
      category: pin.category,
      times,
      lat,
      lon,
      placeId: pin.placeId ?? null,
      placeDescription: pin.placeDescription?.trim() ?? null,
      comment: pin.comment?.trim() || null,
      point,
    });
  }
  return pins;
}
