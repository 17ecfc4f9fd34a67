import type { FastifyInstance } from 'fastify';
import { ensureAdmin } from './features/users/user-service';
import { seedFullDemo } from './features/demo/demo-service';
import { DEMO_STAFF_PASSWORD } from './features/demo/demo-staff';
import { isDatabaseEmpty } from './features/demo/seed-demo';

/**
 * What happens once the app is built and before it listens: the demo collaboration on an
 * empty embedded database, and the ADMIN_EMAIL account.
 */
export async function afterStart(app: FastifyInstance): Promise<void> {
  const { config } = app;
  if (config.demoData && app.databaseKind === 'pglite' && (await isDatabaseEmpty(app.db))) {
    app.log.info('empty embedded database: seeding the demo collaboration (Värnamo)');
    // The demo's two years end today, so "last 30 days" and trends have something to show.
    const today = new Date(new Date().toISOString().slice(0, 10));
    const { staff, responses, points } = await seedFullDemo(app.db, today);
    app.log.info({ responses, points }, 'demo data seeded');
    // Printed once, on the console only, never into the log stream: these are demo-only accounts.
    console.log(
      [
        '',
        'Demo staff accounts (demo data only; documented in README.md):',
        ...staff.map((s) => `  ${s.role.padEnd(12)} ${s.email}`),
        `  password for all: ${DEMO_STAFF_PASSWORD}`,
        '',
      ].join('\n'),
    );
  }
  if (config.admin) {
    const outcome = await ensureAdmin(app.db, config.admin);
    if (outcome !== 'unchanged') app.log.info({ outcome }, 'ADMIN_EMAIL account ensured');
  }
}
