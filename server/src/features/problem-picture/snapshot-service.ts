import type { ProblemPicture, Snapshot, SnapshotComparison, SnapshotSummary } from '@lagesbild/shared';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { HttpError } from '../../plugins/errors';
import { recordAudit } from '../audit/audit-repository';
import { problemPicture } from './problem-picture-service';
import { findSnapshot, insertSnapshot, listSnapshots } from './snapshot-repository';

type SummaryRow = Awaited<ReturnType<typeof listSnapshots>>[number];

/** Both languages are stored, so a snapshot reads the same in either for as long as it is kept. */
interface StoredPayload {
  sv: ProblemPicture;
  en: ProblemPicture;
}

/** A saved lägesbild's stored row (payload in both languages), for pledges built on it; undefined: not in this collaboration. */
export const findSnapshotRow = findSnapshot;

function summary(row: SummaryRow): SnapshotSummary {
  return {
    id: row.id,
    title: row.title,
    from: row.period_from,
    to: row.period_to,
    areaName: row.area_name,
    createdAt: row.created_at.toISOString(),
    createdBy: row.created_by,
  };
}

/**
 * Saves the lägesbild of today: computed as for a reader without police access (every
 * disclosure rule applied), so that any staff member may open it later. Never changed again.
 */
export async function saveSnapshot(
  db: Kysely<Database>,
  actor: { userId: string; collaborationId: string },
  input: { title: string; from?: string | undefined; to?: string | undefined; areaId?: string | undefined },
): Promise<SnapshotSummary> {
  const viewer = { collaborationId: actor.collaborationId, seesPoliceRaw: false };
  const request = { from: input.from, to: input.to, areaId: input.areaId };
  const [sv, en] = await Promise.all([
    problemPicture(db, viewer, { ...request, locale: 'sv' }),
    problemPicture(db, viewer, { ...request, locale: 'en' }),
  ]);
  const id = await insertSnapshot(db, {
    collaborationId: actor.collaborationId,
    title: input.title.trim(),
    from: sv.period.from,
    to: sv.period.to,
    areaId: sv.area?.id ?? null,
    payload: { sv, en } satisfies StoredPayload,
    createdBy: actor.userId,
  });
  await recordAudit(db, {
    collaborationId: actor.collaborationId,
    actorUserId: actor.userId,
    action: 'snapshot.create',
    targetType: 'snapshot',
    targetId: id,
  });
  return (await getSnapshot(db, actor.collaborationId, id, 'sv')).summary;
}

export async function snapshots(db: Kysely<Database>, collaborationId: string): Promise<SnapshotSummary[]> {
  return (await listSnapshots(db, collaborationId)).map(summary);
}

export async function getSnapshot(db: Kysely<Database>, collaborationId: string, id: string, locale: 'sv' | 'en'): Promise<Snapshot> {
  const row = await findSnapshot(db, collaborationId, id);
  if (!row) throw new HttpError(404, 'SNAPSHOT_NOT_FOUND', 'no such snapshot in your collaboration');
  return { summary: summary(row), picture: (row.payload as StoredPayload)[locale] };
}

/** How each category's rank and score moved between two snapshots. */
export async function compareSnapshots(
  db: Kysely<Database>,
  collaborationId: string,
  a: string,
  b: string,
  locale: 'sv' | 'en',
): Promise<SnapshotComparison> {
  const [first, second] = await Promise.all([getSnapshot(db, collaborationId, a, locale), getSnapshot(db, collaborationId, b, locale)]);
  return {
    a: first.summary,
    b: second.summary,
    rows: first.picture.problems.map((p) => {
      const other = second.picture.problems.find((q) => q.category === p.category);
      return {
        category: p.category,
        label: p.label,
        rankA: p.rank,
        rankB: other?.rank ?? p.rank,
        scoreA: p.score,
        scoreB: other?.score ?? 0,
      };
    }),
  };
}
