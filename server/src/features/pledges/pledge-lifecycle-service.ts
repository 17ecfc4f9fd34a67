import { pledgeTransitions, type Pledge, type PledgeStatus, type ReviseBody, type TransitionBody } from '@lagesbild/shared';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import type { Actor } from '../../lib/actor';
import { HttpError } from '../../plugins/errors';
import { recordAudit } from '../audit/audit-repository';
import { pledgeOrNotFound, snapshotOrNotFound, today } from './pledge-guards';
import * as repo from './pledge-repository';
import { getPledge, type Locale } from './pledge-service';

/**
 * A pledge's way through draft → agreed → signed → followed up, and its revision into a new
 * draft version once signed.
 */

type Db = Kysely<Database>;

const STATUS_SV: Record<PledgeStatus, string> = { draft: 'draft', agreed: 'agreed', signed: 'signed', followed_up: 'followed up' };

function transitionRefusal(from: PledgeStatus, to: PledgeStatus): string {
  if (from === to) return `the pledge is already ${STATUS_SV[to]}`;
  if ((from === 'signed' || from === 'followed_up') && (to === 'draft' || to === 'agreed')) {
    return 'a signed pledge cannot go back: revise it to make a new draft version';
  }
  if (from === 'draft' && to !== 'agreed') return 'a draft must first be agreed by the parties';
  if (from === 'agreed' && to === 'followed_up') return 'the pledge must be signed before it is followed up';
  return `a pledge cannot go from ${STATUS_SV[from]} to ${STATUS_SV[to]}`;
}

export async function changeStatus(db: Db, actor: Actor, id: string, body: TransitionBody, locale: Locale): Promise<Pledge> {
  await db.transaction().execute(async (trx) => {
    const row = await pledgeOrNotFound(trx, actor, id, true);
    const to = body.status;
    if (!pledgeTransitions[row.status].includes(to)) {
      throw new HttpError(409, 'INVALID_TRANSITION', transitionRefusal(row.status, to), {
        details: [{ path: 'body.status', message: `not allowed from ${row.status}` }],
      });
    }
    if (body.date !== undefined && to !== 'signed') {
      throw new HttpError(400, 'UNEXPECTED_DATE', 'a date is given only when the pledge is signed', {
        details: [{ path: 'body.date', message: 'only with status "signed"' }],
      });
    }
    if (to === 'agreed') {
      const [problems, activities] = await Promise.all([repo.listProblems(trx, [id]), repo.listActivities(trx, [id])]);
      if (problems.length === 0 || activities.length === 0) {
        throw new HttpError(409, 'PLEDGE_INCOMPLETE', 'a pledge needs at least one problem and one activity before it is agreed', {
          details: [{ path: problems.length === 0 ? 'problems' : 'activities', message: 'none yet' }],
        });
      }
    }
    let signedAt: Date | undefined;
    if (to === 'signed') {
      const day = body.date ?? today();
      if (day > today())
        throw new HttpError(422, 'DATE_IN_FUTURE', 'the signing date cannot be in the future', {
          details: [{ path: 'body.date', message: 'after today' }],
        });
      if (day < `${row.year - 1}-01-01`) {
        throw new HttpError(422, 'DATE_TOO_EARLY', `a pledge for ${row.year} is signed in ${row.year - 1} at the earliest`, {
          details: [{ path: 'body.date', message: 'too early' }],
        });
      }
      signedAt = body.date ? new Date(`${day}T12:00:00Z`) : new Date();
    }
    const now = new Date();
    await repo.updatePledgeRow(trx, id, actor.userId, {
      status: to,
      ...(to === 'agreed' ? { agreedAt: now } : {}),
      ...(to === 'draft' ? { agreedAt: null } : {}),
      ...(signedAt ? { signedAt } : {}),
      ...(to === 'followed_up' ? { followedUpAt: now } : {}),
    });
    await recordAudit(trx, {
      collaborationId: actor.collaborationId,
      actorUserId: actor.userId,
      action: 'pledge.status',
      targetType: 'pledge',
      targetId: id,
      details: { from: row.status, to },
    });
  });
  return getPledge(db, actor.collaborationId, id, locale);
}

/** The year in a title moves with the revision: "Medborgarlöfte 2026" → "Medborgarlöfte 2027". */
function retitle(title: string, from: number, to: number): string {
  return from === to ? title : title.replace(new RegExp(`\\b${from}\\b`, 'g'), String(to));
}

function shiftYear(day: string | null, years: number): string | null {
  if (!day || years === 0) return day;
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const exact = new Date(Date.UTC(y + years, m - 1, d));
  // 29 February becomes 28 February in a year that has none.
  const result = exact.getUTCMonth() === m - 1 ? exact : new Date(Date.UTC(y + years, m, 0));
  return result.toISOString().slice(0, 10);
}

export async function revisePledge(db: Db, actor: Actor, id: string, body: ReviseBody, locale: Locale): Promise<Pledge> {
  const newId = await db.transaction().execute(async (trx) => {
    const row = await pledgeOrNotFound(trx, actor, id, true);
    if (row.status !== 'signed' && row.status !== 'followed_up') {
      throw new HttpError(
        409,
        'NOT_SIGNED',
        'only a signed pledge is revised; change this one directly (an agreed pledge goes back to draft first)',
      );
    }
    if (row.successor_id) {
      throw new HttpError(409, 'ALREADY_REVISED', 'this version has already been revised: continue with its newer version', {
        details: [{ path: 'params.id', message: `revised as ${row.successor_id}` }],
      });
    }
    const year = body.year ?? row.year;
    if (year < row.year) {
      throw new HttpError(422, 'YEAR_BEFORE_PREDECESSOR', `a revision cannot be for a year before ${row.year}`, {
        details: [{ path: 'body.year', message: `before ${row.year}` }],
      });
    }
    const snapshot = body.snapshotId ? await snapshotOrNotFound(trx, actor.collaborationId, body.snapshotId) : undefined;
    const problems = await repo.listProblems(trx, [id]);
    const activities = await repo.listActivities(trx, [id]);
    const newId = await repo.insertPledge(trx, {
      collaborationId: actor.collaborationId,
      year,
      title: retitle(row.title, row.year, year),
      version: row.version + 1,
      predecessorId: id,
      snapshotId: snapshot?.id ?? row.snapshot_id,
      baselineFrom: snapshot?.period_from ?? row.baseline_from,
      baselineTo: snapshot?.period_to ?? row.baseline_to,
      parties: row.parties,
      background: row.background,
      userId: actor.userId,
    });
    await repo.replaceProblems(
      trx,
      newId,
      problems.map((p) => {
        const fresh = snapshot && {
          sv: snapshot.payload.sv.problems.find((e) => e.category === p.category),
          en: snapshot.payload.en.problems.find((e) => e.category === p.category),
        };
        return { category: p.category, evidence: fresh?.sv && fresh.en ? fresh : p.evidence };
      }),
    );
    for (const a of activities) {
      await repo.insertActivity(
        trx,
        newId,
        {
          problemCategory: a.problem_category,
          what: a.what,
          responsibleKind: a.responsible_kind,
          responsibleName: a.responsible_name,
          areaIds: a.area_ids,
          cellIds: a.cell_ids,
          places: a.places,
          timing: a.timing,
          indicator: a.indicator,
          target: a.target,
          followUpOn: shiftYear(a.follow_up_on, year - row.year),
        },
        a.sort,
      );
    }
    await recordAudit(trx, {
      collaborationId: actor.collaborationId,
      actorUserId: actor.userId,
      action: 'pledge.revise',
      targetType: 'pledge',
      targetId: newId,
      details: { predecessorId: id, version: row.version + 1, year, activities: activities.length, snapshotId: snapshot?.id ?? null },
    });
    return newId;
  });
  return getPledge(db, actor.collaborationId, newId, locale);
}
