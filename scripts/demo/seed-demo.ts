import type { Kysely } from 'kysely';
import type { Database } from '../../server/src/db/schema';
import { DEMO_SLUG, generateDemo, type DemoPoint, type DemoResponse } from './generate-demo';

/** Rows per insert statement: 500 points × 13 columns stays far below PostgreSQL's 65 535 parameters. */
const BATCH = 500;

export interface SeedDemoOptions {
  seed?: number;
  scale?: number;
  until?: Date;
}

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

function responseRow(r: DemoResponse) {
  return {
    id: r.id,
    collaboration_id: r.collaboration_id,
    area_id: r.area_id,
    submitted_at: r.submitted_at,
    locale: r.locale,
    channel: r.channel,
    answers: JSON.stringify(r.answers),
    status: r.status,
  };
}

function pointRow(p: DemoPoint) {
  return {
    collaboration_id: p.collaboration_id,
    source: p.source,
    category: p.category,
    occurred_at: p.occurred_at,
    time_band: p.time_band,
    lat: p.lat,
    lon: p.lon,
    x: p.x,
    y: p.y,
    precision: p.precision,
    area_id: p.area_id,
    classification: p.classification,
    origin_kind: p.origin_kind,
    origin_id: p.origin_id,
  };
}

/**
 * Inserts the demo collaboration "Värnamo" with its areas, survey responses and points, all
 * in one transaction: either everything is there afterwards or nothing is. Fails if a
 * collaboration with the demo slug already exists.
 */
export async function seedDemo(db: Kysely<Database>, options: SeedDemoOptions = {}): Promise<SeedDemoResult> {
  const data = generateDemo(options);
  await db.transaction().execute(async (trx) => {
    const existing = await trx.selectFrom('collaboration').select('id').where('slug', '=', DEMO_SLUG).executeTakeFirst();
    if (existing) throw new Error(`a collaboration with slug "${DEMO_SLUG}" already exists`);

    await trx.insertInto('collaboration').values(data.collaboration).execute();
    await trx.insertInto('municipality').values(data.municipality).execute();
    await trx
      .insertInto('area')
      .values(
        data.areas.map((a) => ({
          id: a.id,
          collaboration_id: a.collaboration_id,
          name: a.name,
          kind: a.kind,
          population: a.population,
          geometry: JSON.stringify(a.geometry),
          bbox: [...a.bbox],
        })),
      )
      .execute();
    for (const chunk of batches(data.responses)) {
      await trx.insertInto('survey_response').values(chunk.map(responseRow)).execute();
    }
    for (const chunk of batches(data.points)) {
      await trx.insertInto('point').values(chunk.map(pointRow)).execute();
    }
  });
  return { collaborationId: data.collaboration.id, responses: data.responses.length, points: data.points.length };
}
