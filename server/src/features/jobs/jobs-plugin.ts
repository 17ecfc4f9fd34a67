import fp from 'fastify-plugin';
import { InProcessQueue } from './in-process-queue';
import type { JobQueue } from './job-queue';
import { PgBossQueue } from './pg-boss-queue';

declare module 'fastify' {
  interface FastifyInstance {
    /** Background and periodic work (README in this folder). */
    jobs: JobQueue;
  }
}

/**
 * Decorates the app with `jobs`. Register after the database and before the features that
 * declare jobs; the queue starts once every plugin has registered (onReady) and stops, waiting
 * for running jobs, when the app closes, before the database does.
 */
export const jobsPlugin = fp(
  async (app) => {
    const queue = app.config.databaseUrl ? new PgBossQueue(app.log, app.config.databaseUrl) : new InProcessQueue(app.log);
    app.decorate('jobs', queue as JobQueue);
    app.addHook('onReady', async () => queue.start());
    app.addHook('onClose', async () => queue.stop());
  },
  { name: 'jobs', dependencies: ['database'] },
);
