import { sql, type Kysely } from 'kysely';
import type { Database, NewPoint } from '../../db/schema';

export interface NewResponse {
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
  flagReason: string | null;
}

/** Inserts the response unless its idempotency key is already there; returns the new id or undefined. */
export async function insertResponseOnce(db: Kysely<Database>, r: NewResponse): Promise<string | undefined> {
  const row = await db
    .insertInto('survey_response')
    .values({
      collaboration_id: r.collaborationId,
      campaign_id: r.campaignId,
      survey_version_id: r.surveyVersionId,
      area_id: r.areaId,
      locale: r.locale,
      channel: r.channel,
      answers: JSON.stringify(r.answers),
      idempotency_key: r.idempotencyKey,
      body_hash: r.bodyHash,
      device_hash: r.deviceHash,
      status: r.flagReason ? 'flagged' : 'accepted',
      flag_reason: r.flagReason,
    })
    .onConflict((oc) => oc.columns(['campaign_id', 'idempotency_key']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return row?.id;
}

export async function findByIdempotencyKey(db: Kysely<Database>, campaignId: string, key: string) {
  return db
    .selectFrom('survey_response')
    .select(['id', 'body_hash'])
    .where('campaign_id', '=', campaignId)
    .where('idempotency_key', '=', key)
    .executeTakeFirst();
}

export async function deviceAlreadyAnswered(db: Kysely<Database>, campaignId: string, deviceHash: string): Promise<boolean> {
  const row = await db
    .selectFrom('survey_response')
    .select('id')
    .where('campaign_id', '=', campaignId)
    .where('device_hash', '=', deviceHash)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

export interface NewPin {
  category: string;
  times: string[];
  lat: number | null;
  lon: number | null;
  placeId: string | null;
  placeDescription: string | null;
  comment: string | null;
  point: Omit<NewPoint, 'origin_id'> | null;
}

/** Pins, their points in the point store, and their comments (pending moderation): one insert each. */
export async function insertPins(
  db: Kysely<Database>,
  collaborationId: string,
  responseId: string,
  pins: NewPin[],
): Promise<void> {
  if (pins.length === 0) return;
  const withPoints = pins.filter((p) => p.point !== null);
  const points =
    withPoints.length > 0
      ? await db
          .insertInto('point')
          .values(withPoints.map((p) => ({ ...p.point!, origin_id: responseId })))
          .returning('id')
          .execute()
      : [];
  // RETURNING gives rows in VALUES order for a plain multi-row INSERT.
  const pointIds = new Map(withPoints.map((pin, i) => [pin, points[i]!.id]));
  const rows = await db
    .insertInto('survey_pin')
    .values(
      pins.map((pin) => ({
        response_id: responseId,
        point_id: pointIds.get(pin) ?? null,
        category: pin.category as NewPoint['category'],
        times: pin.times,
        lat: pin.lat,
        lon: pin.lon,
        place_id: pin.placeId,
        place_description: pin.placeDescription,
      })),
    )
    .returning('id')
    .execute();
  const comments = pins.flatMap((pin, i) => (pin.comment ? [{ collaboration_id: collaborationId, response_id: responseId, pin_id: rows[i]!.id, original: pin.comment }] : []));
  if (comments.length > 0) await db.insertInto('free_text').values(comments).execute();
}

export async function insertTextAnswers(
  db: Kysely<Database>,
  collaborationId: string,
  responseId: string,
  texts: { questionId: string; text: string }[],
): Promise<void> {
  if (texts.length === 0) return;
  await db
    .insertInto('free_text')
    .values(texts.map((t) => ({ collaboration_id: collaborationId, response_id: responseId, question_id: t.questionId, original: t.text })))
    .execute();
}

export async function countResponses(db: Kysely<Database>, campaignId: string): Promise<number> {
  const row = await db
    .selectFrom('survey_response')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('campaign_id', '=', campaignId)
    .executeTakeFirstOrThrow();
  return row.n;
}
