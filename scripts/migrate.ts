// `pnpm migrate [up|down]`: migrates DATABASE_URL, or the embedded database under DATA_DIR.
import type { Kysely } from 'kysely';
import { ConfigError, loadConfig } from '../server/src/config';
import { migrateDown, migrateToLatest } from '../server/src/db/migrate';
import { openStandaloneDatabase } from '../server/src/db/standalone';

const direction = process.argv[2] ?? 'up';
if (direction !== 'up' && direction !== 'down') {
  console.error('usage: pnpm migrate [up|down]');
  process.exit(2);
}

try {
  const config = loadConfig();
  const db = (await openStandaloneDatabase(config)) as Kysely<unknown>;
  try {
    const result = direction === 'up' ? await migrateToLatest(db) : await migrateDown(db);
    const done = result.results ?? [];
    if (done.length === 0) console.log('nothing to migrate: the schema is current');
    for (const r of done) console.log(`${r.direction === 'Up' ? 'applied' : 'reverted'} ${r.migrationName}`);
  } finally {
    await db.destroy();
  }
} catch (error) {
  console.error(error instanceof ConfigError ? `Configuration error: ${error.message}` : (error as Error).message);
  process.exit(1);
}
