/**
 * The owner of residents per grid square: SCB's CSV in, the grid out to the hot-spot map's rate
 * mode and its narrowing to populated land. One grid per collaboration; an import replaces it.
 */
import type { PopulationGridImported, PopulationGridSummary, PopulationGridUpload } from '@lagesbild/shared';
import type { PopulationGrid } from '@lagesbild/shared/hotspot/index';
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/schema';
import { recordAudit } from '../audit/audit-repository';
import type { Actor } from '../../lib/actor';
import { gridSquares, gridSummary, replaceGrid } from './population-grid-repository';
import { parseScbGrid, type GridRow } from './scb-grid-csv';

export type { GridRow } from './scb-grid-csv';

/** Stores a grid made elsewhere (the demo) in the caller's transaction, replacing the old one. */
export async function storePopulationGrid(trx: Transaction<Database>, collaborationId: string, size: 250 | 1000, rows: readonly GridRow[]) {
  await replaceGrid(trx, collaborationId, size, rows);
}

export async function populationGridSummary(db: Kysely<Database>, collaborationId: string): Promise<PopulationGridSummary> {
  const row = await gridSummary(db, collaborationId);
  const squares = Number(row.squares);
  return {
    size: squares > 0 && (row.size === 250 || row.size === 1000) ? row.size : null,
    squares,
    residents: Number(row.residents),
    year: row.year,
  };
}

export async function importPopulationGrid(
  db: Kysely<Database>,
  actor: Actor,
  upload: PopulationGridUpload,
): Promise<PopulationGridImported> {
  const parsed = parseScbGrid(upload.csv, upload.size);
  await db.transaction().execute(async (trx) => {
    await replaceGrid(trx, actor.collaborationId, parsed.size, parsed.rows);
    await recordAudit(trx, {
      collaborationId: actor.collaborationId,
      actorUserId: actor.userId,
      action: 'population_grid.import',
      targetType: 'population_grid',
      details: { size: parsed.size, squares: parsed.rows.length, rowsTotal: parsed.rowsTotal },
    });
  });
  const summary = await populationGridSummary(db, actor.collaborationId);
  return { ...summary, rowsTotal: parsed.rowsTotal, rowsSkipped: parsed.rowsSkipped };
}

/** The grid as typed arrays for the hot-spot engine, or null when none is imported. */
export async function populationGridOf(db: Kysely<Database>, collaborationId: string): Promise<PopulationGrid | null> {
  const rows = await gridSquares(db, collaborationId);
  const first = rows[0];
  if (!first) return null;
  return {
    size: first.size,
    x: Float64Array.from(rows, (r) => r.x),
    y: Float64Array.from(rows, (r) => r.y),
    residents: Float64Array.from(rows, (r) => r.residents),
  };
}
