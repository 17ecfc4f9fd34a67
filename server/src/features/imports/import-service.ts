import type { ImportResult, ImportSummary } from '@lagesbild/shared';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { HttpError } from '../../plugins/errors';
import { deleteAreasOfImport } from '../areas/area-service';
import { recordAudit } from '../audit/audit-repository';
import * as pointStore from '../points/point-service';
import { seesPoliceOnly, type ImportActor } from './import-context';
import * as repo from './import-repository';
import { toResult, toSummary } from './import-results';
import { reassignAreas } from './reassign-areas';

/**
 * The imports done: listed, read back and undone. Running one is import-run.ts, a preview
 * import-preview.ts, templates import-templates.ts and category mappings category-mappings.ts.
 */

export async function listImports(db: Kysely<Database>, actor: ImportActor, limit: number): Promise<ImportSummary[]> {
  return (await repo.listBatches(db, actor.collaborationId, seesPoliceOnly(actor), limit)).map(toSummary);
}

export async function getImport(db: Kysely<Database>, actor: ImportActor, id: string): Promise<ImportResult> {
  const row = await repo.findBatch(db, actor.collaborationId, id, seesPoliceOnly(actor));
  if (!row) throw new HttpError(404, 'IMPORT_NOT_FOUND', 'no such import in your collaboration');
  return toResult(row);
}

/** Removes exactly the rows (or areas) an import added; areas removed → points re-assigned. */
export async function undoImport(db: Kysely<Database>, actor: ImportActor, id: string): Promise<ImportResult> {
  await db.transaction().execute(async (trx) => {
    const row = await repo.findBatch(trx, actor.collaborationId, id, seesPoliceOnly(actor));
    if (!row) throw new HttpError(404, 'IMPORT_NOT_FOUND', 'no such import in your collaboration');
    if (row.status === 'undone') throw new HttpError(409, 'ALREADY_UNDONE', 'This import has already been undone.');
    if (row.status !== 'done') throw new HttpError(409, 'NOT_UNDOABLE', 'This import did not write anything, so there is nothing to undo.');
    let removed: number;
    if (row.format === 'areas') {
      removed = await deleteAreasOfImport(trx, actor.collaborationId, id);
      await reassignAreas(trx, actor.collaborationId);
    } else {
      removed = await pointStore.deletePointsOfImport(trx, actor.collaborationId, id);
    }
    await repo.markUndone(trx, id, actor.userId);
    await recordAudit(trx, {
      collaborationId: actor.collaborationId,
      actorUserId: actor.userId,
      action: 'import.undo',
      targetType: 'import',
      targetId: id,
      details: { rowsRemoved: removed, via: actor.via },
    });
  });
  return getImport(db, actor, id);
}
