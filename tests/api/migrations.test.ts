import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { migrateDown, migrateToLatest } from '../../server/src/db/migrate';
import { migrations } from '../../migrations/index';
import { migratedDatabaseForFile } from '../support/test-app';

const database = migratedDatabaseForFile();

describe('migrations', () => {
  it('lists every migration file in migrations/index.ts, in name order', () => {
    const files = readdirSync(new URL('../../migrations/', import.meta.url))
      .filter((f) => /^\d{14}_.+\.ts$/.test(f))
      .map((f) => f.replace(/\.ts$/, ''))
      .sort();
    expect(Object.keys(migrations)).toEqual(files);
  });

  it('goes all the way down and back up again to the same tables', async () => {
    const tables = async () =>
      (await database.db.introspection.getTables())
        .map((t) => t.name)
        .filter((n) => !n.startsWith('kysely_'))
        .sort();
    const before = await tables();
    expect(before).toEqual(expect.arrayContaining(['collaboration', 'point', 'app_user', 'audit_log']));
    for (let i = 0; i < Object.keys(migrations).length; i++) await migrateDown(database.db);
    expect(await tables()).toEqual([]);
    await migrateToLatest(database.db);
    expect(await tables()).toEqual(before);
  });
});
