import { must, type CreatePledgeBody, type Parties, type Pledge, type UpdatePledgeBody } from '@lagesbild/shared';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import type { Actor } from '../../lib/actor';
import { HttpError } from '../../plugins/errors';
import { recordAudit } from '../audit/audit-repository';
import { evidenceOf, pledgeOrNotFound, requireDraft, snapshotOrNotFound } from './pledge-guards';
import * as repo from './pledge-repository';
import { getPledge, type Locale, type StoredSnapshot } from './pledge-service';
import { backgroundText } from './pledge-text';

/** Drafting a pledge: creating it from a saved lägesbild, editing it, deleting it. */

type Db = Kysely<Database>;

async function defaultParties(db: Db, collaborationId: string): Promise<Parties> {
  const info = await repo.collaborationInfo(db, collaborationId);
  return {
    municipality: { name: info.municipalityName ?? `${info.name} kommun`, signatory: 'Kommunstyrelsens ordförande' },
    police: { name: info.police_district, signatory: 'Lokalpolisområdeschef' },
    others: [],
  };
}

export async function createPledge(db: Db, actor: Actor, body: CreatePledgeBody, locale: Locale): Promise<Pledge> {
  const id = await db.transaction().execute(async (trx) => {
    const snapshot = await snapshotOrNotFound(trx, actor.collaborationId, body.snapshotId);
    const problems = body.categories.map((category, i) => ({
      category,
      evidence: evidenceOf(snapshot.payload, category, i, 'body.categories'),
    }));
    const info = await repo.collaborationInfo(trx, actor.collaborationId);
    const title = body.title?.trim() || `Medborgarlöfte ${body.year} – ${info.name}`;
    const id = await repo.insertPledge(trx, {
      collaborationId: actor.collaborationId,
      year: body.year,
      title,
      version: 1,
      predecessorId: null,
      snapshotId: snapshot.id,
      baselineFrom: snapshot.period_from,
      baselineTo: snapshot.period_to,
      parties: await defaultParties(trx, actor.collaborationId),
      background: backgroundText({
        year: body.year,
        snapshotTitle: snapshot.title,
        picture: snapshot.payload.sv,
        categories: body.categories,
      }),
      userId: actor.userId,
    });
    await repo.replaceProblems(trx, id, problems);
    await recordAudit(trx, {
      collaborationId: actor.collaborationId,
      actorUserId: actor.userId,
      action: 'pledge.create',
      targetType: 'pledge',
      targetId: id,
      details: { snapshotId: snapshot.id, year: body.year, problems: problems.length },
    });
    return id;
  });
  return getPledge(db, actor.collaborationId, id, locale);
}

export async function updatePledge(db: Db, actor: Actor, id: string, body: UpdatePledgeBody, locale: Locale): Promise<Pledge> {
  await db.transaction().execute(async (trx) => {
    const row = await pledgeOrNotFound(trx, actor, id, true);
    requireDraft(row);
    if (body.title !== undefined && !body.title.trim()) {
      throw new HttpError(422, 'EMPTY_TITLE', 'the pledge needs a title', { details: [{ path: 'body.title', message: 'is empty' }] });
    }
    if (body.parties) {
      const parties = [body.parties.municipality, body.parties.police, ...body.parties.others];
      const blank = parties.findIndex((p) => !p.name.trim());
      if (blank >= 0) {
        const path =
          blank === 0
            ? 'body.parties.municipality.name'
            : blank === 1
              ? 'body.parties.police.name'
              : `body.parties.others.${blank - 2}.name`;
        throw new HttpError(422, 'EMPTY_PARTY', 'every party needs a name', { details: [{ path, message: 'is empty' }] });
      }
    }
    const { categories } = body;
    if (categories) {
      const activities = await repo.listActivities(trx, [id]);
      // The problem each activity answers that the new list drops.
      const orphaned = activities.flatMap((a) =>
        a.problem_category && !categories.includes(a.problem_category) ? [a.problem_category] : [],
      );
      const [category] = orphaned;
      if (category !== undefined) {
        throw new HttpError(
          409,
          'PROBLEM_IN_USE',
          `activities answer the problem "${category}": change or remove them before removing the problem`,
          {
            details: [
              {
                path: 'body.categories',
                message: `"${category}" has ${orphaned.filter((c) => c === category).length} activities`,
              },
            ],
          },
        );
      }
      const current = await repo.listProblems(trx, [id]);
      const added = categories.filter((c) => !current.some((p) => p.category === c));
      let snapshot: StoredSnapshot | undefined;
      if (added.length > 0) {
        if (!row.snapshot_id)
          throw new HttpError(409, 'SNAPSHOT_GONE', 'the lägesbild of this pledge no longer exists, so no problems can be added');
        snapshot = (await snapshotOrNotFound(trx, actor.collaborationId, row.snapshot_id)).payload;
      }
      await repo.replaceProblems(
        trx,
        id,
        categories.map((category, i) => ({
          category,
          evidence:
            current.find((p) => p.category === category)?.evidence ??
            evidenceOf(must(snapshot, 'the snapshot of an added problem'), category, i, 'body.categories'),
        })),
      );
    }
    await repo.updatePledgeRow(trx, id, actor.userId, {
      ...(body.title !== undefined ? { title: body.title.trim() } : {}),
      ...(body.parties !== undefined
        ? {
            parties: {
              municipality: { name: body.parties.municipality.name.trim(), signatory: body.parties.municipality.signatory.trim() },
              police: { name: body.parties.police.name.trim(), signatory: body.parties.police.signatory.trim() },
              others: body.parties.others.map((p) => ({ name: p.name.trim(), signatory: p.signatory.trim() })),
            },
          }
        : {}),
      ...(body.background !== undefined ? { background: body.background.replace(/\r\n/g, '\n').trim() } : {}),
    });
    await recordAudit(trx, {
      collaborationId: actor.collaborationId,
      actorUserId: actor.userId,
      action: 'pledge.update',
      targetType: 'pledge',
      targetId: id,
      details: {
        title: body.title !== undefined,
        parties: body.parties !== undefined,
        background: body.background !== undefined,
        problems: body.categories?.length ?? null,
      },
    });
  });
  return getPledge(db, actor.collaborationId, id, locale);
}

export async function deletePledge(db: Db, actor: Actor, id: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const row = await pledgeOrNotFound(trx, actor, id, true);
    if (row.status !== 'draft') {
      throw new HttpError(
        409,
        row.status === 'agreed' ? 'PLEDGE_AGREED' : 'PLEDGE_SIGNED',
        'only a draft can be deleted; an agreed or signed pledge is kept',
      );
    }
    await repo.deletePledgeRow(trx, id);
    await recordAudit(trx, {
      collaborationId: actor.collaborationId,
      actorUserId: actor.userId,
      action: 'pledge.delete',
      targetType: 'pledge',
      targetId: id,
      details: { year: row.year, version: row.version },
    });
  });
}
