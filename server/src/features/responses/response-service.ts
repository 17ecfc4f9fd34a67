import { createHash, createHmac, randomUUID } from 'node:crypto';
import type { PaperResponseBody, SubmitResponseBody } from '@lagesbild/shared';
import type { Kysely } from 'kysely';
import type { Database, ResponseChannel } from '../../db/schema';
import { canonicalJson } from '../../lib/canonical-json';
import { pseudonym } from '../../lib/tokens';
import { HttpError } from '../../plugins/errors';
import { recordAudit } from '../audit/audit-repository';
import { surveyCampaignIn } from '../campaigns/campaign-service';
import * as limits from '../rate-limits/rate-limit-service';
import { prepareAnswer, type AnswerInput, type PreparedAnswer } from './answer-validation';
import { contextOf, loadCampaignContext, type CampaignContext } from './campaign-context';
import { findByIdempotencyKey, insertSubmissions, type NewSubmission } from './response-repository';

/**
 * Storing residents' answers (web, QR, paper) exactly once. The survey they answer is read in
 * `public-campaign-service.ts`; the checks of an answer are in `answer-validation.ts`.
 */

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
  const campaign = await surveyCampaignIn(db, input.collaborationId, input.campaignId);
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

interface StoreInput extends AnswerInput {
  idempotencyKey: string;
  channel: ResponseChannel;
  deviceHash: string | null;
  /** Runs in the transaction that stores a new response (never for a replay). */
  onStored?: (trx: Kysely<Database>, id: string) => Promise<void>;
  /** How to write the submission (the public route passes its batcher); default: a statement of its own. */
  write?: (submission: NewSubmission) => Promise<'accepted' | 'flagged' | undefined>;
}

/** The core every channel shares: period, validation, then one statement (idempotent by key). */
async function storeResponse(
  db: Kysely<Database>,
  context: CampaignContext,
  input: StoreInput,
): Promise<{ id: string; replayed: boolean }> {
  const { campaign } = context;
  const bodyHash = createHash('sha256').update(canonicalJson(input.body)).digest('base64url');
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
  const writeAlone = (executor: Kysely<Database>) => async (s: NewSubmission) =>
    (await insertSubmissions(executor, [s])).get(s.response.id);
  if (input.onStored) return db.transaction().execute((trx) => store(trx, writeAlone(trx)));
  return store(db, input.write ?? writeAlone(db));
}

function replay(earlier: { id: string; body_hash: string | null }, bodyHash: string): { id: string; replayed: boolean } {
  if (earlier.body_hash !== bodyHash) {
    throw new HttpError(422, 'IDEMPOTENCY_KEY_REUSED', 'this Idempotency-Key was already used for a different answer');
  }
  return { id: earlier.id, replayed: true };
}
