import { DEFAULT_WEIGHTS, type Weights } from '@lagesbild/shared';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import type { Actor } from '../../lib/actor';
import { recordAudit } from '../audit/audit-repository';
import * as repo from './problem-picture-repository';

/** The ranking weights: the collaboration's own over the defaults (a category it never set keeps its default). */
export function weightsOf(stored: Record<string, number> | null): Weights {
  return { ...DEFAULT_WEIGHTS, ...(stored ?? {}) };
}

export async function currentWeights(db: Kysely<Database>, collaborationId: string): Promise<Weights> {
  return weightsOf((await repo.collaborationSettings(db, collaborationId)).weights);
}

/** Stores the coordinator's weights, logged, and answers the weights now in force. */
export async function saveWeights(db: Kysely<Database>, actor: Actor, weights: Record<string, number>): Promise<Weights> {
  await db.transaction().execute(async (trx) => {
    await repo.saveWeights(trx, actor.collaborationId, weights);
    await recordAudit(trx, {
      collaborationId: actor.collaborationId,
      actorUserId: actor.userId,
      action: 'problem_picture.weights',
      details: weights,
    });
  });
  return currentWeights(db, actor.collaborationId);
}
