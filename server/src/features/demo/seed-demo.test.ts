import { Kysely, sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { openPGlite } from '../../db/database-plugin';
import { migrateToLatest } from '../../db/migrate';
import { PGliteDialect } from '../../db/pglite-dialect';
import type { Database } from '../../db/schema';
import { generateDemo } from './generator/generate-demo';
import { isDatabaseEmpty, seedDemo } from './seed-demo';

describe('seedDemo', () => {
  it('seeds an empty database in one go', async () => {
    const db = new Kysely<Database>({ dialect: new PGliteDialect(await openPGlite('memory://')) });
    try {
      await migrateToLatest(db as Kysely<unknown>);
      expect(await isDatabaseEmpty(db)).toBe(true);

      const result = await seedDemo(db, { scale: 0.2 });
      const expected = generateDemo({ scale: 0.2 });
      expect(result).toEqual({
        collaborationId: expected.collaboration.id,
        responses: 400,
        points: expected.points.length,
      });
      expect(await isDatabaseEmpty(db)).toBe(false);

      const count = async (table: keyof Database) => {
        const row = await db
          .selectFrom(table)
          .select(sql<number>`count(*)::int`.as('n'))
          .executeTakeFirstOrThrow();
        return row.n;
      };
      expect(await count('collaboration')).toBe(1);
      expect(await count('municipality')).toBe(1);
      expect(await count('area')).toBe(expected.areas.length);
      expect(await count('survey_response')).toBe(400);
      expect(await count('point')).toBe(expected.points.length);

      const sources = await db
        .selectFrom('point')
        .select(['source', sql<number>`count(*)::int`.as('n')])
        .groupBy('source')
        .orderBy('source')
        .execute();
      expect(sources).toEqual([
        { source: 'municipality', n: 1000 },
        { source: 'police', n: 600 },
        { source: 'survey', n: expected.points.filter((p) => p.source === 'survey').length },
      ]);

      const area = await db.selectFrom('area').selectAll().where('kind', '=', 'boundary').executeTakeFirstOrThrow();
      expect(area.bbox).toHaveLength(4);
      expect((area.geometry as { type: string }).type).toBe('Polygon');
      const response = await db.selectFrom('survey_response').selectAll().limit(1).executeTakeFirstOrThrow();
      expect(typeof response.answers.safety_evening).toBe('string');

      // A second run refuses and leaves the data as it was.
      await expect(seedDemo(db, { scale: 0.01 })).rejects.toThrow(/already exists/);
      expect(await count('survey_response')).toBe(400);
    } finally {
      await db.destroy();
    }
  });
});
