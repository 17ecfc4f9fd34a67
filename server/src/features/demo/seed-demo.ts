import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { insertAreas } from '../areas/area-service';
import { insertPoints } from '../points/point-service';
import { storePopulationGrid } from '../population-grid/population-grid-service';
import { DEMO_SQUARE } from './generator/population-grid';
import { generateDemo } from './generator/generate-demo';
import { DEMO_SLUG } from './generator/geography';
import type { DemoOptions } from './generator/types';

/** Rows per insert statement: 500 points × 14 columns stays far below PostgreSQL's 65 535 parameters. */
const BATCH = 500;

export interface SeedDemoResult {
  collaborationId: string;
  responses: number;
  points: number;
}

/** True when no collaboration exists yet (a fresh install). */
export async function isDatabaseEmpty(db: Kysely<Database>): Promise<boolean> {
  const row = await db.selectFrom('collaboration').select('id').limit(1).executeTakeFirst();
  return row === undefined;
}

function* batches<T>(rows: readonly T[], size = BATCH): Generator<T[]> {
  for (let i = 0; i < rows.length; i += size) yield rows.slice(i, i + size);
}

/**
 * Inserts the demo collaboration "Värnamo" with its areas, survey responses and points, all
 * in one transaction: either everything is there afterwards or nothing is. Fails if a
 * collaboration with the demo slug already exists.
 */
export async function seedDemo(db: Kysely<Database>, options: DemoOptions = {}): Promise<SeedDemoResult> {
  const data = generateDemo(options);
  await db.transaction().execute(async (trx) => {
    const existing = await trx.selectFrom('collaboration').select('id').where('slug', '=', DEMO_SLUG).executeTakeFirst();
    if (existing) throw new Error(`a collaboration with slug "${DEMO_SLUG}" already exists`);

    await trx.insertInto('collaboration').values(data.collaboration).execute();
    await trx.insertInto('municipality').values(data.municipality).execute();
    await insertAreas(trx, data.collaboration.id, null, data.areas);
    for (const chunk of batches(data.responses)) {
      await trx
        .insertInto('survey_response')
        .values(chunk.map((r) => ({ ...r, answers: JSON.stringify(r.answers) })))
        .execute();
    }
    // The generated point rows are the point table's own columns (generator/types.ts).
    for (const chunk of batches(data.points)) await insertPoints(trx, chunk);
    await storePopulationGrid(trx, data.collaboration.id, DEMO_SQUARE, data.populationGrid);
  });
  return { collaborationId: data.collaboration.id, responses: data.responses.length, points: data.points.length };
}
