import { createHash, createHmac, randomUUID } from 'node:crypto';
import {
  COMMENT_MAX,
  PINS_MAX,
  TEXT_ANSWER_MAX,
  answerProblems,
  categories,
  geometryBbox,
  HOME_AREA_QUESTION_ID,
  isLocale,
  pinTimeValues,
  pointInGeometry,
  timeBands,
  wgs84ToSweref,
  type AreaGeometry,
  type CategoryCode,
  type LocalizedText,
  type PaperResponseBody,
  type PublicCampaign,
  type SubmitResponseBody,
  type SubmittedPin,
  type SurveyQuestion,
  type TimeBand,
} from '@lagesbild/shared';
import type { Kysely } from 'kysely';
import type { Database, NewPoint, ResponseChannel } from '../../db/schema';
import { HttpError } from '../../plugins/errors';
import * as limits from '../auth/rate-limit-repository';
import { pseudonym } from '../auth/tokens';
import { recordAudit } from '../audit/audit-repository';
import { collaborationExtent, districtsOf, findCampaignBySlug, findCampaignInCollaboration, listPlaces } from './campaign-repository';
import { findByIdempotencyKey, insertSubmissions, type NewPin, type NewSubmission } from './response-repository';

const PIN_TIME_LABELS: Record<(typeof pinTimeValues)[number], LocalizedText> = {
  morning: { sv: 'Morgon', en: 'Morning' },
  day: { sv: 'Dagtid', en: 'Daytime' },
  evening: { sv: 'Kväll', en: 'Evening' },
  night: { sv: 'Natt', en: 'Night' },
  weekdays: { sv: 'Vardagar', en: 'Weekdays' },
  weekend: { sv: 'Helger', en: 'Weekends' },
};

function text(value: LocalizedText, locale: string): string {
  return (locale === 'en' ? value.en : undefined) || value.sv;
}

type CampaignRow = NonNullable<Awaited<ReturnType<typeof findCampaignBySlug>>>;

/** Everything a submission needs to know about its campaign; cached briefly per app instance. */
export interface CampaignContext {
  campaign: CampaignRow;
  /** Answers must fall inside one of these. */
  area: AreaGeometry[];
  /** Districts that points are assigned to. */
  districts: { id: string; geometry: AreaGeometry; bbox: number[] }[];
  places: { id: string; name: string; lat: number; lon: number }[];
}

export async function loadCampaignContext(db: Kysely<Database>, slug: string): Promise<CampaignContext> {
  return contextOf(db, await loadCampaign(db, slug));
}

async function contextOf(db: Kysely<Database>, campaign: CampaignRow): Promise<CampaignContext> {
  const [area, districts, places] = await Promise.all([
    studyArea(db, campaign),
    districtsOf(db, campaign.collaboration_id),
    listPlaces(db, campaign.collaboration_id),
  ]);
  return { campaign, area, districts, places };
}

async function loadCampaign(db: Kysely<Database>, slug: string): Promise<CampaignRow> {
  const campaign = await findCampaignBySlug(db, slug);
  if (!campaign) throw new HttpError(404, 'CAMPAIGN_NOT_FOUND', `there is no survey called "${slug}"`);
  return campaign;
}

/** The geometry answers must fall inside: the campaign's area, else the collaboration's boundary or districts. */
async function studyArea(db: Kysely<Database>, campaign: CampaignRow): Promise<AreaGeometry[]> {
  if (campaign.area_geometry) return [campaign.area_geometry as AreaGeometry];
  const extent = await collaborationExtent(db, campaign.collaboration_id);
  const boundary = extent.filter((a) => a.kind === 'boundary');
  return (boundary.length > 0 ? boundary : extent).map((a) => a.geometry as AreaGeometry);
}

function unionBbox(geometries: AreaGeometry[]): [number, number, number, number] {
  return geometries.map(geometryBbox).reduce(
    (a, b) => [Math.min(a[0], b[0]), Math.min(a[1], b[1]), Math.max(a[2], b[2]), Math.max(a[3], b[3])],
    [Infinity, Infinity, -Infinity, -Infinity],
  );
}

export async function publicCampaign(db: Kysely<Database>, slug: string, locale: string, now = new Date()): Promise<PublicCampaign> {
  const campaign = await loadCampaign(db, slug);
  const lang = isLocale(locale) ? locale : 'sv';
  const [area, places] = await Promise.all([studyArea(db, campaign), listPlaces(db, campaign.collaboration_id)]);
  const questions = campaign.questions as SurveyQuestion[];
  return {
    slug: campaign.slug,
    title: text(campaign.title, lang),
    locale: lang,
    locales: ['sv', 'en'],
    collaboration: campaign.collaboration_name,
    open: campaign.opens_at <= now && now < campaign.closes_at,
    opensAt: campaign.opens_at.toISOString(),
    closesAt: campaign.closes_at.toISOString(),
    surveyVersion: campaign.version,
    questions: questions.map((q) => ({
      id: q.id,
      type: q.type,
      required: q.required,
      label: text(q.label, lang),
      ...(q.help ? { help: text(q.help, lang) } : {}),
      ...(q.options ? { options: q.options.map((o) => ({ value: o.value, label: text(o.label, lang) })) } : {}),
      ...(q.rows ? { rows: q.rows.map((o) => ({ value: o.value, label: text(o.label, lang) })) } : {}),
      ...(q.min !== undefined ? { min: q.min } : {}),
      ...(q.max !== undefined ? { max: q.max } : {}),
      ...(q.showIf ? { showIf: q.showIf } : {}),
    })),
    pinCategories: categories.map((c) => ({ value: c.code, label: c[lang] })),
    pinTimes: pinTimeValues.map((value) => ({ value, label: text(PIN_TIME_LABELS[value], lang) })),
    bounds: area.length > 0 ? unionBbox(area) : [10.5, 55, 24.5, 69.2],
    places: places.map((p) => ({ id: p.id, name: p.name, lat: p.lat, lon: p.lon })),
    limits: { comment: COMMENT_MAX, text: TEXT_ANSWER_MAX, pins: PINS_MAX },
  };
}

/** Canonical JSON (sorted keys) so the same answer sent twice hashes the same. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

export interface SubmitInput {
  slug: string;
  idempotencyKey: string;
  body: SubmitResponseBody;
  clientAddress: string;
  secret: string;
  rateLimitPerMinute: number;
  /** How to get the campaign context; the route passes its instance cache. */
  context?: (slug: string) => Promise<CampaignContext>;
  /** How to count this client's submission in the current minute; the route passes its batched counter. */
  countHit?: (key: string) => Promise<{ hits: number; resetAt: Date }>;
  /** How to write the submission; the route passes its batcher. */
  write?: (submission: NewSubmission) => Promise<'accepted' | 'flagged' | undefined>;
  now?: Date;
}

/**
 * Stores one resident's answer exactly once. The idempotency key makes a retry (a phone that
 * lost the 201 on a bad connection) return the first id; the same key with other content is
 * refused. A 201 is sent only after the transaction has committed.
 */
export async function submitResponse(db: Kysely<Database>, input: SubmitInput): Promise<{ id: string; replayed: boolean }> {
  const clientKey = `submit:client:${pseudonym(input.secret, input.clientAddress)}`;
  const hit = await (input.countHit ?? ((key: string) => limits.hit(db, key, 60)))(clientKey);
  if (hit.hits > input.rateLimitPerMinute) {
    const seconds = Math.max(1, Math.ceil((hit.resetAt.getTime() - Date.now()) / 1000));
    throw new HttpError(429, 'TOO_MANY_SUBMISSIONS', `too many answers from this connection; try again in ${seconds} s`, {
      headers: { 'Retry-After': String(seconds) },
    });
  }

  const context = await (input.context ?? ((slug: string) => loadCampaignContext(db, slug)))(input.slug);
  const { body } = input;
  const deviceHash = body.deviceToken
    ? createHmac('sha256', input.secret).update(`${context.campaign.id}:${body.deviceToken}`).digest('base64url')
    : null;
  return storeResponse(db, context, {
    idempotencyKey: input.idempotencyKey,
    body,
    channel: body.channel ?? 'web',
    deviceHash,
    acceptAfterClose: false,
    now: input.now ?? new Date(),
    ...(input.write ? { write: input.write } : {}),
  });
}

export interface PaperInput {
  collaborationId: string;
  actorUserId: string;
  campaignId: string;
  idempotencyKey: string;
  body: PaperResponseBody;
  now?: Date;
}

/**
 * A paper questionnaire typed in by staff: the same validation and storage as a resident's
 * answer, marked as paper, without device token or per-client limit, and in the audit log.
 * Paper collected during the period is often typed in after it, so a closed campaign still
 * takes paper answers; one that has not opened yet does not.
 */
export async function submitPaperResponse(db: Kysely<Database>, input: PaperInput): Promise<{ id: string; replayed: boolean }> {
  const campaign = await findCampaignInCollaboration(db, input.collaborationId, input.campaignId);
  if (!campaign) throw new HttpError(404, 'CAMPAIGN_NOT_FOUND', 'no such campaign in your collaboration');
  return storeResponse(db, await contextOf(db, campaign), {
    idempotencyKey: input.idempotencyKey,
    body: input.body,
    channel: 'paper',
    deviceHash: null,
    acceptAfterClose: true,
    now: input.now ?? new Date(),
    onStored: (trx, id) =>
      recordAudit(trx, {
        collaborationId: input.collaborationId,
        actorUserId: input.actorUserId,
        action: 'response.paper',
        targetType: 'survey_response',
        targetId: id,
        details: { campaignId: campaign.id },
      }),
  });
}

interface StoreInput {
  idempotencyKey: string;
  body: Pick<SubmitResponseBody, 'locale' | 'answers' | 'pins'>;
  channel: ResponseChannel;
  deviceHash: string | null;
  acceptAfterClose: boolean;
  now: Date;
  /** Runs in the transaction that stores a new response (never for a replay). */
  onStored?: (trx: Kysely<Database>, id: string) => Promise<void>;
  /** How to write the submission (the public route passes its batcher); default: a statement of its own. */
  write?: (submission: NewSubmission) => Promise<'accepted' | 'flagged' | undefined>;
}

/** The core every channel shares: period, validation, then one statement (idempotent by key). */
async function storeResponse(db: Kysely<Database>, context: CampaignContext, input: StoreInput): Promise<{ id: string; replayed: boolean }> {
  const { campaign } = context;
  const bodyHash = createHash('sha256').update(canonical(input.body)).digest('base64url');
  let prepared: PreparedAnswer;
  try {
    prepared = prepareAnswer(context, input);
  } catch (error) {
    // A retry of an answer that was stored (say, before the survey closed) still gets its id.
    const earlier = await findByIdempotencyKey(db, campaign.id, input.idempotencyKey);
    if (earlier) return replay(earlier, bodyHash);
    throw error;
  }

  const submission: NewSubmission = {
    response: {
      id: randomUUID(),
      collaborationId: campaign.collaboration_id,
      campaignId: campaign.id,
      surveyVersionId: campaign.survey_version_id,
      areaId: prepared.areaId,
      locale: input.body.locale,
      channel: input.channel,
      answers: prepared.closedAnswers,
      idempotencyKey: input.idempotencyKey,
      bodyHash,
      deviceHash: input.deviceHash,
    },
    pins: prepared.pins,
    texts: prepared.texts,
  };
  const store = async (executor: Kysely<Database>, write: (s: NewSubmission) => Promise<'accepted' | 'flagged' | undefined>) => {
    if (await write(submission)) {
      await input.onStored?.(executor, submission.response.id);
      return { id: submission.response.id, replayed: false };
    }
    // The key is stored already (a retry, or a concurrent twin that committed first): answer as it did.
    const earlier = await findByIdempotencyKey(executor, campaign.id, input.idempotencyKey);
    if (!earlier) throw new Error('idempotency conflict without a stored response');
    return replay(earlier, bodyHash);
  };
  const writeAlone = (executor: Kysely<Database>) => async (s: NewSubmission) => (await insertSubmissions(executor, [s])).get(s.response.id);
  if (input.onStored) return db.transaction().execute((trx) => store(trx, writeAlone(trx)));
  return store(db, input.write ?? writeAlone(db));
}

interface PreparedAnswer {
  areaId: string | null;
  closedAnswers: Record<string, unknown>;
  pins: NewPin[];
  texts: { questionId: string; text: string }[];
}

/** Checks the period and the answer against the survey; throws the first problem as a 4xx. */
function prepareAnswer(context: CampaignContext, input: StoreInput): PreparedAnswer {
  const { campaign } = context;
  const { body, now } = input;
  if (now < campaign.opens_at) throw new HttpError(409, 'CAMPAIGN_NOT_OPEN', `the survey opens ${campaign.opens_at.toISOString().slice(0, 10)}`);
  if (now >= campaign.closes_at && !input.acceptAfterClose) {
    throw new HttpError(410, 'CAMPAIGN_CLOSED', 'the survey has closed; thank you for wanting to answer');
  }

  const questions = campaign.questions as SurveyQuestion[];
  const problems = answerProblems(questions, body.answers, body.pins.length);
  if (!isLocale(body.locale)) problems.push({ path: 'body.locale', message: 'is not a supported language' });
  const pinsAsked = questions.some((q) => q.type === 'pins');
  if (!pinsAsked && body.pins.length > 0) problems.push({ path: 'pins', message: 'this survey asks for no places' });
  const pins = preparePins(context, body.pins, problems, now);
  if (problems.length > 0) {
    throw new HttpError(422, 'INVALID_ANSWER', `${problems[0]!.path} ${problems[0]!.message}`, {
      details: problems.map((p) => ({ path: p.path.startsWith('body.') ? p.path : `body.${p.path}`, message: p.message })),
    });
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

function replay(earlier: { id: string; body_hash: string | null }, bodyHash: string): { id: string; replayed: boolean } {
  if (earlier.body_hash !== bodyHash) {
    throw new HttpError(422, 'IDEMPOTENCY_KEY_REUSED', 'this Idempotency-Key was already used for a different answer');
  }
  return { id: earlier.id, replayed: true };
}

function bandOf(times: string[]): TimeBand | null {
  return (timeBands as readonly string[]).find((band) => times.includes(band)) as TimeBand | undefined ?? null;
}

/**
 * The point-store row for a pin with coordinates: SWEREF 99 TM, its district, its time band.
 * Used when an answer is stored and when a coordinator accepts a flagged repeat answer.
 */
export function surveyPoint(
  collaborationId: string,
  districts: CampaignContext['districts'],
  pin: { category: string; times: string[]; lat: number; lon: number; generalised: boolean },
  answeredAt: Date,
): Omit<NewPoint, 'origin_id'> {
  const { lat, lon } = pin;
  const [x, y] = wgs84ToSweref(lat, lon);
  const district = districts.find(
    (d) => d.bbox[0]! <= lon && lon <= d.bbox[2]! && d.bbox[1]! <= lat && lat <= d.bbox[3]! && pointInGeometry(lon, lat, d.geometry),
  );
  const band = bandOf(pin.times);
  return {
    collaboration_id: collaborationId,
    source: 'survey',
    category: pin.category as CategoryCode,
    // A pin says when a place feels unsafe, not when something happened: without a band it
    // is dated to the answer so that period filters still place it.
    occurred_at: band ? null : answeredAt,
    time_band: band,
    lat,
    lon,
    x,
    y,
    precision: pin.generalised ? 'generalised' : 'exact',
    area_id: district?.id ?? null,
    classification: 'internal',
    origin_kind: 'response',
  };
}

function preparePins(context: CampaignContext, submitted: SubmittedPin[], problems: { path: string; message: string }[], now: Date): NewPin[] {
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
    if (lat !== null && lon !== null && area.length > 0 && !area.some((g) => pointInGeometry(lon!, lat!, g))) {
      problems.push({ path, message: "is outside the survey's area" });
      continue;
    }
    const times = pin.times ?? [];
    const point =
      lat !== null && lon !== null
        ? { ...surveyPoint(campaign.collaboration_id, districts, { category: pin.category, times, lat, lon, generalised: pin.placeId !== undefined }, now), id: randomUUID() }
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
