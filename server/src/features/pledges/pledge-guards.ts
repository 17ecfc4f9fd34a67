import type { CategoryCode } from '@lagesbild/shared';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import type { Actor } from '../../lib/actor';
import { HttpError } from '../../plugins/errors';
import { findSnapshotRow } from '../problem-picture/snapshot-service';
import * as repo from './pledge-repository';
import { notFound, type StoredEvidence, type StoredSnapshot } from './pledge-service';

/** The look-ups and refusals every change to a pledge starts from. */

type Db = Kysely<Database>;

export const isoDay = (d: Date) => d.toISOString().slice(0, 10);
export const today = () => isoDay(new Date());

export async function pledgeOrNotFound(db: Db, actor: Actor, id: string, lock = false): Promise<repo.PledgeRow> {
  // Another collaboration's pledge is "not found": its existence is not ours to reveal.
  const row = await repo.findPledge(db, actor.collaborationId, id, lock);
  if (!row) throw notFound();
  return row;
}

/** Refuses any change to a pledge that is not a draft, saying what to do instead. */
export function requireDraft(row: repo.PledgeRow): void {
  if (row.status === 'draft') return;
  if (row.status === 'agreed') {
    throw new HttpError(409, 'PLEDGE_AGREED', 'the pledge is agreed and locked: move it back to draft before changing it');
  }
  throw new HttpError(409, 'PLEDGE_SIGNED', 'a signed pledge can never be changed: revise it to make a new draft version');
}

export async function snapshotOrNotFound(db: Db, collaborationId: string, id: string) {
  const row = await findSnapshotRow(db, collaborationId, id);
  if (!row) {
    throw new HttpError(404, 'SNAPSHOT_NOT_FOUND', 'no such saved lägesbild in your collaboration', {
      details: [{ path: 'body.snapshotId', message: 'unknown snapshot' }],
    });
  }
  return { ...row, payload: row.payload as StoredSnapshot };
}

export function evidenceOf(snapshot: StoredSnapshot, category: CategoryCode, index: number, path: string): StoredEvidence {
  const sv = snapshot.sv.problems.find((p) => p.category === category);
  const en = snapshot.en.problems.find((p) => p.category === category);
  if (!sv || !en) {
    throw new HttpError(422, 'CATEGORY_NOT_IN_SNAPSHOT', `the lägesbild has no figures for "${category}"`, {
      details: [{ path: `${path}.${index}`, message: 'not in the snapshot' }],
    });
  }
  return { sv, en };
}
