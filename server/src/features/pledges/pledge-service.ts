import {
  categoryLabel,
  type Parties,
  type Pledge,
  type PledgeActivity,
  type PledgeSummary,
  type ProblemEntry,
  type ProblemPicture,
} from '@lagesbild/shared';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { HttpError } from '../../plugins/errors';
import { areaShapes } from '../areas/area-service';
import * as repo from './pledge-repository';

/**
 * The rules of the citizen pledge. Only a draft is edited; an agreed pledge goes back to draft
 * to be changed; a signed (or followed-up) pledge is never changed again — it is revised into
 * a new draft version that points at it. Follow-up updates are recorded on signed pledges.
 * Every change is audit-logged with identifiers and counts only.
 *
 * This file reads pledges and holds the types the rest share; the changes live beside it:
 * drafts in `pledge-draft-service.ts`, activities and their follow-up in
 * `pledge-activity-service.ts`, status and revision in `pledge-lifecycle-service.ts`.
 */

type Db = Kysely<Database>;
export type Locale = 'sv' | 'en';

/** Evidence is stored in both languages, like the snapshot it comes from. */
export interface StoredEvidence {
  sv: ProblemEntry;
  en: ProblemEntry;
}

export interface StoredSnapshot {
  sv: ProblemPicture;
  en: ProblemPicture;
}

export function notFound(): HttpError {
  return new HttpError(404, 'PLEDGE_NOT_FOUND', 'no such pledge in your collaboration');
}

export async function listPledges(db: Db, collaborationId: string): Promise<PledgeSummary[]> {
  const rows = await repo.listPledges(db, collaborationId);
  return rows.map((r) => ({
    id: r.id,
    year: r.year,
    title: r.title,
    status: r.status,
    version: r.version,
    predecessorId: r.predecessor_id,
    successorId: r.successor_id ?? null,
    problems: r.problems ?? 0,
    activities: r.activities ?? 0,
    updatedAt: r.updated_at.toISOString(),
    signedAt: r.signed_at?.toISOString() ?? null,
  }));
}

export function activityStatusOf(updates: { status: PledgeActivity['status'] }[]): PledgeActivity['status'] {
  return updates.at(-1)?.status ?? 'planned';
}

export async function getPledge(db: Db, collaborationId: string, id: string, locale: Locale): Promise<Pledge> {
  const row = await repo.findPledge(db, collaborationId, id);
  if (!row) throw notFound();
  const [problems, activities, chain, areas] = await Promise.all([
    repo.listProblems(db, [id]),
    repo.listActivities(db, [id]),
    repo.versionChain(db, collaborationId, id),
    areaShapes(db, collaborationId),
  ]);
  const updates = await repo.listUpdates(
    db,
    activities.map((a) => a.id),
  );
  const areaName = new Map(areas.map((a) => [a.id, a.name]));
  return {
    id: row.id,
    year: row.year,
    title: row.title,
    status: row.status,
    version: row.version,
    predecessorId: row.predecessor_id,
    successorId: row.successor_id ?? null,
    snapshot:
      row.snapshot_id && row.snapshot_title
        ? { id: row.snapshot_id, title: row.snapshot_title, from: row.baseline_from, to: row.baseline_to }
        : null,
    baseline: { from: row.baseline_from, to: row.baseline_to },
    parties: row.parties as Parties,
    background: row.background,
    problems: problems.map((p) => ({
      category: p.category,
      label: categoryLabel(p.category, locale),
      evidence: (p.evidence as StoredEvidence)[locale],
    })),
    activities: activities.map((a) => {
      const own = updates
        .filter((u) => u.activity_id === a.id)
        .map((u) => ({ id: u.id, on: u.happened_on, status: u.status, note: u.note, by: u.by, createdAt: u.created_at.toISOString() }));
      return {
        id: a.id,
        problemCategory: a.problem_category,
        what: a.what,
        who: { kind: a.responsible_kind, name: a.responsible_name },
        where: {
          areaIds: a.area_ids,
          areas: a.area_ids.flatMap((areaId) => {
            const name = areaName.get(areaId);
            return name === undefined ? [] : [{ id: areaId, name }];
          }),
          cellIds: a.cell_ids,
          places: a.places,
        },
        when: a.timing,
        indicator: a.indicator,
        target: a.target,
        followUpOn: a.follow_up_on,
        status: activityStatusOf(own),
        updates: own,
      };
    }),
    versions: chain,
    createdAt: row.created_at.toISOString(),
    createdBy: row.created_by_name ?? null,
    updatedAt: row.updated_at.toISOString(),
    updatedBy: row.updated_by_name ?? null,
    agreedAt: row.agreed_at?.toISOString() ?? null,
    signedAt: row.signed_at?.toISOString() ?? null,
    followedUpAt: row.followed_up_at?.toISOString() ?? null,
  };
}

/** The follow-ups of signed pledges that are due by `today` ('YYYY-MM-DD') and not yet recorded. */
export async function dueFollowUps(
  db: Db,
  collaborationId: string,
  today: string,
): Promise<
  { pledgeId: string; pledgeTitle: string; what: string; responsibleKind: 'municipality' | 'police' | 'other'; followUpOn: string }[]
> {
  const rows = await repo.dueFollowUps(db, collaborationId, today);
  return rows.map((r) => ({
    pledgeId: r.pledge_id,
    pledgeTitle: r.pledge_title,
    what: r.what,
    responsibleKind: r.responsible_kind,
    followUpOn: r.follow_up_on ?? today,
  }));
}
