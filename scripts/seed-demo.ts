// `pnpm seed:demo [--scale N] [--seed N]`: seeds the demo collaboration into an empty database
// (DATABASE_URL, or the embedded one under DATA_DIR). `pnpm start` does this by itself on an
// empty embedded database; this is for PostgreSQL and for larger data sets.
import { parseArgs } from 'node:util';
import type { Kysely } from 'kysely';
import { ConfigError, loadConfig } from '../server/src/config';
import { migrateToLatest } from '../server/src/db/migrate';
import { openStandaloneDatabase } from '../server/src/db/standalone';
import { DEMO_STAFF_PASSWORD, seedDemoStaff } from '../server/src/features/demo/demo-staff';
import { isDatabaseEmpty, seedDemo } from '../server/src/features/demo/seed-demo';
import { seedDemoCampaign } from '../server/src/features/demo/seed-demo-campaign';

const USAGE = 'usage: pnpm seed:demo [--scale 0.1…500] [--seed integer]';
const options = { scale: { type: 'string', default: '1' }, seed: { type: 'string', default: '42' }, help: { type: 'boolean' } } as const;
function parsedArgs() {
  try {
    return parseArgs({ options }).values;
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    process.exit(2);
  }
}
const values = parsedArgs();
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
const scale = Number(values.scale);
const seed = Number(values.seed);
if (!(scale > 0 && scale <= 500) || !Number.isInteger(seed)) {
  console.error(USAGE);
  process.exit(2);
}

try {
  const config = loadConfig();
  const db = await openStandaloneDatabase(config);
  try {
    await migrateToLatest(db as Kysely<unknown>);
    if (!(await isDatabaseEmpty(db))) {
      console.error('the database already holds data; the demo is only seeded into an empty one');
      process.exit(1);
    }
    const seeded = await seedDemo(db, { seed, scale });
    const staff = await seedDemoStaff(db, seeded.collaborationId);
    await seedDemoCampaign(db, seeded.collaborationId);
    console.log(`seeded ${seeded.responses} responses and ${seeded.points} points`);
    console.log(`demo staff (password ${DEMO_STAFF_PASSWORD}): ${staff.map((s) => s.email).join(', ')}`);
  } finally {
    await db.destroy();
  }
} catch (error) {
  console.error(error instanceof ConfigError ? `Configuration error: ${error.message}` : (error as Error).message);
  process.exit(1);
}
