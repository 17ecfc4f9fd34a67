import {
  must,
  type CategoryCode,
  type FlaggedList,
  type ModerationItem,
  type ModerationQueue,
  type ModerationStatus,
  type ResponseDecisionBody,
  type ResponseDecisionResult,
  type TextDecisionBody,
} from '@lagesbild/shared';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import type { Actor } from '../../lib/actor';
import { HttpError } from '../../plugins/errors';
import { recordAudit } from '../audit/audit-repository';
import { districtShapes } from '../areas/area-service';
import * as pointStore from '../points/point-service';
import { surveyPoint } from '../responses/survey-point';
import * as moderation from './moderation-repository';

function toItem(row: moderation.TextRow): ModerationItem {
  return {
    id: row.id,
    kind: row.pin_id ? 'pin_comment' : 'text_answer',
    text: row.original,
    redacted: row.redacted,
    status: row.status,
    createdAt: row.created_at.toISOString(),
    decidedAt: row.decided_at?.toISOString() ?? null,
    decidedBy: row.decided_by,
    campaign: { id: row.campaign_id, slug: row.campaign_slug, title: row.campaign_title },
    question: row.question_id && row.question_label ? { id: row.question_id, label: row.question_label } : null,
    pin:
      row.pin_id && row.pin_category
        ? {
            category: row.pin_category as CategoryCode,
            times: row.pin_times ?? [],
            lat: row.pin_lat,
            lon: row.pin_lon,
            place: row.place_name,
            placeDescription: row.place_description,
          }
        : null,
    response: { id: row.response_id, status: row.response_status, channel: row.channel },
  };
}

export async function moderationQueue(
  db: Kysely<Database>,
  collaborationId: string,
  query: { status?: ModerationStatus | undefined; campaignId?: string | undefined; limit?: number | undefined },
): Promise<ModerationQueue> {
  const [rows, counts, flagged] = await Promise.all([
    moderation.listTexts(db, collaborationId, {
      status: query.status ?? 'pending',
      campaignId: query.campaignId,
      limit: query.limit ?? 50,
    }),
    moderation.countTexts(db, collaborationId, query.campaignId),
    moderation.countFlagged(db, collaborationId, query.campaignId),
  ]);
  const count = (status: ModerationStatus) => counts.find((c) => c.status === status)?.n ?? 0;
  return {
    items: rows.map(toItem),
    counts: { pending: count('pending'), approved: count('approved'), redacted: count('redacted'), rejected: count('rejected'), flagged },
  };
}

const STATUS_OF = { approve: 'approved', redact: 'redacted', reject: 'rejected' } as const;

/**
 * Approve (shown as written), redact (shown as the coordinator rewrote it) or reject (never
 * shown). A decision can be changed later; each one is in the audit log, without the text.
 */
export async function decideText(db: Kysely<Database>, actor: Actor, id: string, body: TextDecisionBody): Promise<ModerationItem> {
  return db.transaction().execute(async (trx) => {
    const row = await moderation.findText(trx, actor.collaborationId, id);
    if (!row) throw new HttpError(404, 'TEXT_NOT_FOUND', 'no such text in your collaboration');
    let redacted: string | null = null;
    if (body.decision === 'redact') {
      redacted = body.redacted?.trim() ?? '';
      if (!redacted)
        throw new HttpError(422, 'REDACTION_MISSING', 'give the text as it may be shown', {
          details: [{ path: 'body.redacted', message: 'is required to redact' }],
        });
      if (redacted === row.original.trim()) {
        throw new HttpError(422, 'NOTHING_REDACTED', 'the redacted text is the same as the original; approve it instead', {
          details: [{ path: 'body.redacted', message: 'is unchanged' }],
        });
      }
    } else if (body.redacted !== undefined) {
      throw new HttpError(422, 'UNEXPECTED_REDACTION', 'only a redaction carries a text', {
        details: [{ path: 'body.redacted', message: `is not used to ${body.decision}` }],
      });
    }
    const status = STATUS_OF[body.decision];
    await moderation.decideText(trx, id, { status, redacted, decidedBy: actor.userId });
    await recordAudit(trx, {
      collaborationId: actor.collaborationId,
      actorUserId: actor.userId,
      action: `moderation.${body.decision}`,
      targetType: 'free_text',
      targetId: id,
      details: { responseId: row.response_id, campaignId: row.campaign_id, previous: row.status },
    });
    const after = await moderation.findText(trx, actor.collaborationId, id);
    return toItem(must(after, 'the text just moderated'));
  });
}

export async function flaggedResponses(db: Kysely<Database>, collaborationId: string, campaignId?: string): Promise<FlaggedList> {
  const rows = await moderation.listFlagged(db, collaborationId, campaignId);
  const pins = await moderation.pinsOf(
    db,
    rows.map((r) => r.id),
  );
  return {
    responses: rows.map((r) => ({
      id: r.id,
      campaign: { id: r.campaign_id, slug: r.campaign_slug, title: r.campaign_title },
      submittedAt: r.submitted_at.toISOString(),
      channel: r.channel,
      flagReason: r.flag_reason,
      answers: r.answers,
      pins: pins
        .filter((p) => p.response_id === r.id)
        .map((p) => ({
          category: p.category,
          times: p.times,
          lat: p.lat,
          lon: p.lon,
          place: p.place_name,
          placeDescription: p.place_description,
        })),
      texts: r.texts,
    })),
  };
}

/**
 * A repeat answer from the same device: accepting counts it and puts its pins in the point
 * store (the submission left them out); discarding keeps the row, marked, out of everything.
 */
export async function decideResponse(
  db: Kysely<Database>,
  actor: Actor,
  id: string,
  body: ResponseDecisionBody,
): Promise<ResponseDecisionResult> {
  return db.transaction().execute(async (trx) => {
    const response = await moderation.lockResponse(trx, actor.collaborationId, id);
    if (!response) throw new HttpError(404, 'RESPONSE_NOT_FOUND', 'no such answer in your collaboration');
    if (response.status !== 'flagged')
      throw new HttpError(409, 'ALREADY_DECIDED', `the answer is ${response.status}, not awaiting a decision`);
    let pointsCreated = 0;
    let textsRejected = 0;
    if (body.decision === 'accept') {
      const pins = (await moderation.pinsOf(trx, [id])).flatMap(({ lat, lon, ...p }) =>
        p.point_id === null && lat !== null && lon !== null ? [{ ...p, lat, lon }] : [],
      );
      const districts = pins.length > 0 ? await districtShapes(trx, actor.collaborationId) : [];
      for (const pin of pins) {
        const point = surveyPoint(
          actor.collaborationId,
          districts,
          { category: pin.category, times: pin.times, lat: pin.lat, lon: pin.lon, generalised: pin.place_id !== null },
          response.submitted_at,
        );
        await moderation.linkPinPoint(trx, pin.id, await pointStore.insertPoint(trx, { ...point, origin_id: id }));
        pointsCreated++;
      }
      await moderation.setResponseStatus(trx, id, 'accepted');
    } else {
      await moderation.setResponseStatus(trx, id, 'discarded');
      textsRejected = await moderation.rejectPendingTexts(trx, id, actor.userId);
    }
    await recordAudit(trx, {
      collaborationId: actor.collaborationId,
      actorUserId: actor.userId,
      action: body.decision === 'accept' ? 'moderation.accept_response' : 'moderation.discard_response',
      targetType: 'survey_response',
      targetId: id,
      details: { campaignId: response.campaign_id, pointsCreated, textsRejected },
    });
    return { id, status: body.decision === 'accept' ? 'accepted' : 'discarded', pointsCreated, textsRejected };
  });
}

/** What waits for a coordinator: unmoderated texts and flagged answers (the mail digest counts them). */
export async function pendingModeration(db: Kysely<Database>, collaborationId: string): Promise<{ texts: number; flagged: number }> {
  const [counts, flagged] = await Promise.all([moderation.countTexts(db, collaborationId), moderation.countFlagged(db, collaborationId)]);
  return { texts: counts.find((c) => c.status === 'pending')?.n ?? 0, flagged };
}
