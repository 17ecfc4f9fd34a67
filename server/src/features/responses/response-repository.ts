import { sql, type Kysely } from 'kysely';
import type { Database, NewPoint } from '../../db/schema';
import { insertPointsFrom } from '../points/point-service';

export interface NewResponse {
  /** Chosen by the caller, so pins, points and texts can refer to it within one statement. */
  id: string;
  collaborationId: string;
  campaignId: string;
  surveyVersionId: string;
  areaId: string | null;
  locale: string;
  channel: 'web' | 'kiosk' | 'paper';
  answers: Record<string, unknown>;
  idempotencyKey: string;
  bodyHash: string;
  deviceHash: string | null;
}

export interface NewPin {
  id: string;
  category: string;
  times: string[];
  lat: number | null;
  lon: number | null;
  placeId: string | null;
  placeDescription: string | null;
  comment: string | null;
  /** The point-store row for a pin with coordinates; its id is chosen by the caller too. */
  point: (Omit<NewPoint, 'origin_id' | 'id'> & { id: string }) | null;
}

export interface NewTextAnswer {
  questionId: string;
  text: string;
}

export interface NewSubmission {
  response: NewResponse;
  pins: NewPin[];
  texts: NewTextAnswer[];
}

/**
 * Stores responses with their pins, the pins' points and the free text in ONE statement (data-
 * modifying CTEs): one round trip and one implicit transaction, so every submission in it is all
 * there or none is. An answer from a device that has answered the campaign before is flagged,
 * and its pins stay out of the point store until a coordinator accepts it. Returns the stored
 * ones by id; a submission whose idempotency key is already stored is skipped (nothing written).
 */
export async function insertSubmissions(
  db: Kysely<Database>,
  submissions: readonly NewSubmission[],
): Promise<Map<string, 'accepted' | 'flagged'>> {
  const responses = submissions.map(({ response: r }) => ({
    id: r.id,
    collaboration_id: r.collaborationId,
    campaign_id: r.campaignId,
    survey_version_id: r.surveyVersionId,
    area_id: r.areaId,
    locale: r.locale,
    channel: r.channel,
    answers: r.answers,
    idempotency_key: r.idempotencyKey,
    body_hash: r.bodyHash,
    device_hash: r.deviceHash,
  }));
  const pins = submissions.flatMap(({ response, pins }) =>
    pins.map((pin) => ({
      response_id: response.id,
      id: pin.id,
      category: pin.category,
      times: pin.times,
      lat: pin.lat,
      lon: pin.lon,
      place_id: pin.placeId,
      place_description: pin.placeDescription,
      point_id: pin.point?.id ?? null,
      x: pin.point?.x ?? null,
      y: pin.point?.y ?? null,
      precision: pin.point?.precision ?? null,
      area_id: pin.point?.area_id ?? null,
      occurred_at: pin.point?.occurred_at ?? null,
      time_band: pin.point?.time_band ?? null,
      source: pin.point?.source ?? null,
      classification: pin.point?.classification ?? null,
      origin_kind: pin.point?.origin_kind ?? null,
    })),
  );
  const texts = submissions.flatMap(({ response, pins, texts }) => [
    ...pins.flatMap((pin) => (pin.comment ? [{ response_id: response.id, pin_id: pin.id, question_id: null, original: pin.comment }] : [])),
    ...texts.map((t) => ({ response_id: response.id, pin_id: null, question_id: t.questionId, original: t.text })),
  ]);
  const { rows } = await sql<{ id: string; status: 'accepted' | 'flagged' }>`/* prepared: insert_submissions */
    with input as (
      select * from jsonb_to_recordset(${JSON.stringify(responses)}::jsonb) as r(
        id uuid, collaboration_id uuid, campaign_id uuid, survey_version_id uuid, area_id uuid, locale text, channel text,
        answers jsonb, idempotency_key uuid, body_hash text, device_hash text)
    ),
    response as (
      insert into survey_response (id, collaboration_id, campaign_id, survey_version_id, area_id, locale, channel, answers,
                                   idempotency_key, body_hash, device_hash, status, flag_reason)
      select i.id, i.collaboration_id, i.campaign_id, i.survey_version_id, i.area_id, i.locale, i.channel, i.answers,
             i.idempotency_key, i.body_hash, i.device_hash,
             case when d.repeat then 'flagged' else 'accepted' end, case when d.repeat then 'repeat_device' end
        from input i
        cross join lateral (
          select i.device_hash is not null and exists (
            select 1 from survey_response s where s.campaign_id = i.campaign_id and s.device_hash = i.device_hash
          ) as repeat
        ) d
      on conflict (campaign_id, idempotency_key) do nothing
      returning id, collaboration_id, status
    ),
    pin as (
      select * from jsonb_to_recordset(${JSON.stringify(pins)}::jsonb) as p(
        response_id uuid, id uuid, category text, times text[], lat float8, lon float8, place_id uuid, place_description text,
        point_id uuid, x float8, y float8, precision text, area_id uuid, occurred_at timestamptz, time_band text,
        source text, classification text, origin_kind text)
    ),
    new_point as (
      ${insertPointsFrom(sql`
      select pin.point_id, response.collaboration_id, pin.source, pin.category, pin.occurred_at, pin.time_band, pin.lat, pin.lon,
             pin.x, pin.y, pin.precision, pin.area_id, pin.classification, pin.origin_kind, response.id
        from pin join response on response.id = pin.response_id
       where pin.point_id is not null and response.status = 'accepted'`)}
    ),
    new_pin as (
      insert into survey_pin (id, response_id, point_id, category, times, lat, lon, place_id, place_description)
      select pin.id, response.id, case when response.status = 'accepted' then pin.point_id end, pin.category, pin.times,
             pin.lat, pin.lon, pin.place_id, pin.place_description
        from pin join response on response.id = pin.response_id
    ),
    new_text as (
      insert into free_text (collaboration_id, response_id, pin_id, question_id, original)
      select response.collaboration_id, response.id, t.pin_id, t.question_id, t.original
        from jsonb_to_recordset(${JSON.stringify(texts)}::jsonb) as t(response_id uuid, pin_id uuid, question_id text, original text)
        join response on response.id = t.response_id
    )
    select id, status from response`.execute(db);
  return new Map(rows.map((r) => [r.id, r.status]));
}

export async function findByIdempotencyKey(db: Kysely<Database>, campaignId: string, key: string) {
  return db
    .selectFrom('survey_response')
    .select(['id', 'body_hash'])
    .where('campaign_id', '=', campaignId)
    .where('idempotency_key', '=', key)
    .executeTakeFirst();
}

export async function countResponses(db: Kysely<Database>, campaignId: string): Promise<number> {
  const row = await db
    .selectFrom('survey_response')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('campaign_id', '=', campaignId)
    .executeTakeFirstOrThrow();
  return row.n;
}
