import { sql, type Kysely } from 'kysely';
import type { Database, NewPoint } from '../../db/schema';

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

/**
 * Stores a response with its pins, their points and its free text in ONE statement (data-
 * modifying CTEs): one round trip and one implicit transaction, so a submission is all there
 * or not at all. An answer from a device that has answered this campaign before is flagged,
 * and its pins stay out of the point store until a coordinator accepts it. Returns undefined
 * when the idempotency key is already stored (nothing is written then).
 */
export async function insertSubmission(
  db: Kysely<Database>,
  r: NewResponse,
  pins: NewPin[],
  texts: NewTextAnswer[],
): Promise<{ id: string; status: 'accepted' | 'flagged' } | undefined> {
  const pinRows = pins.map((pin) => ({
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
  }));
  const textRows = [
    ...pins.flatMap((pin) => (pin.comment ? [{ pin_id: pin.id, question_id: null, original: pin.comment }] : [])),
    ...texts.map((t) => ({ pin_id: null, question_id: t.questionId, original: t.text })),
  ];
  const { rows } = await sql<{ id: string; status: 'accepted' | 'flagged' }>`/* prepared: insert_submission */
    with earlier_device as (
      select ${r.deviceHash}::text is not null and exists (
        select 1 from survey_response where campaign_id = ${r.campaignId}::uuid and device_hash = ${r.deviceHash}::text
      ) as repeat
    ),
    response as (
      insert into survey_response (id, collaboration_id, campaign_id, survey_version_id, area_id, locale, channel, answers,
                                   idempotency_key, body_hash, device_hash, status, flag_reason)
      select ${r.id}::uuid, ${r.collaborationId}::uuid, ${r.campaignId}::uuid, ${r.surveyVersionId}::uuid, ${r.areaId}::uuid,
             ${r.locale}::text, ${r.channel}::text, ${JSON.stringify(r.answers)}::jsonb, ${r.idempotencyKey}::uuid, ${r.bodyHash}::text,
             ${r.deviceHash}::text, case when repeat then 'flagged' else 'accepted' end, case when repeat then 'repeat_device' end
        from earlier_device
      on conflict (campaign_id, idempotency_key) do nothing
      returning id, status
    ),
    pin as (
      select * from jsonb_to_recordset(${JSON.stringify(pinRows)}::jsonb) as p(
        id uuid, category text, times text[], lat float8, lon float8, place_id uuid, place_description text,
        point_id uuid, x float8, y float8, precision text, area_id uuid, occurred_at timestamptz, time_band text)
    ),
    new_point as (
      insert into point (id, collaboration_id, source, category, occurred_at, time_band, lat, lon, x, y, precision, area_id,
                         classification, origin_kind, origin_id)
      select pin.point_id, ${r.collaborationId}::uuid, 'survey', pin.category, pin.occurred_at, pin.time_band, pin.lat, pin.lon,
             pin.x, pin.y, pin.precision, pin.area_id, 'internal', 'response', response.id
        from pin, response
       where pin.point_id is not null and response.status = 'accepted'
    ),
    new_pin as (
      insert into survey_pin (id, response_id, point_id, category, times, lat, lon, place_id, place_description)
      select pin.id, response.id, case when response.status = 'accepted' then pin.point_id end, pin.category, pin.times,
             pin.lat, pin.lon, pin.place_id, pin.place_description
        from pin, response
    ),
    new_text as (
      insert into free_text (collaboration_id, response_id, pin_id, question_id, original)
      select ${r.collaborationId}::uuid, response.id, t.pin_id, t.question_id, t.original
        from jsonb_to_recordset(${JSON.stringify(textRows)}::jsonb) as t(pin_id uuid, question_id text, original text), response
    )
    select id, status from response`.execute(db);
  return rows[0];
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
