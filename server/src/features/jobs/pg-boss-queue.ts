import type { FastifyBaseLogger } from 'fastify';
import PgBoss from 'pg-boss';
import { DeclaredJobs } from './job-queue';

/** How long stopping waits for running jobs before failing them (pg-boss retries them later). */
const STOP_TIMEOUT_MS = 10_000;

/**
 * The queue on PostgreSQL: pg-boss, in its own schema (`pgboss`, created and migrated by
 * pg-boss at start) with a small pool of its own. A schedule is a pg-boss cron schedule: the
 * instances agree on one to send each tick's job (singleton per minute), so it runs once however
 * many instances run, and the schedule and waiting jobs are rows, kept over restarts.
 */
export class PgBossQueue extends DeclaredJobs {
  private readonly boss: PgBoss;

  constructor(log: FastifyBaseLogger, connectionString: string) {
    super(log);
    this.boss = new PgBoss({
      connectionString,
      max: 3,
      application_name: 'lagesbild-jobs',
      // Schedules are checked every 15 s (by one instance at a time) and a tick's job is picked
      // up within seconds of being sent; schedules are declared after start, so the first check
      // at start sees none.
      cronMonitorIntervalSeconds: 15,
      cronWorkerIntervalSeconds: 5,
    });
    this.boss.on('error', (error) => log.warn({ err: error }, 'job queue error'));
  }

  async start(): Promise<void> {
    this.checkSchedules();
    this.started = true;
    await this.boss.start();
    for (const name of this.handlers.keys()) {
      await this.ensureQueue(name);
      await this.boss.work(name, { pollingIntervalSeconds: 2, batchSize: 1 }, async (jobs) => {
        for (const job of jobs) await this.runHandler(name, job.data as object);
      });
    }
    const scheduled = new Set(this.schedules.keys());
    for (const [name, minutes] of this.schedules) {
      await this.boss.schedule(name, minutes === 60 ? '0 * * * *' : `*/${minutes} * * * *`, {}, { singletonKey: 'schedule' });
    }
    // A schedule no longer declared (renamed, removed) must not keep sending jobs nobody takes.
    for (const { name } of await this.boss.getSchedules()) {
      if (!scheduled.has(name)) await this.boss.unschedule(name);
    }
  }

  /**
   * Creates the queue once. Instances starting together may both try (pg-boss creates a
   * partition table per queue, and two such creations can deadlock): the loser looks again.
   */
  private async ensureQueue(name: string): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      if (await this.boss.getQueue(name)) return;
      try {
        // stately: at most one waiting and one running job per name and key.
        await this.boss.createQueue(name, { name, policy: 'stately', retryLimit: 0 });
        return;
      } catch (error) {
        if (attempt >= 5) throw error;
        await new Promise((resolve) => setTimeout(resolve, 100 * attempt));
      }
    }
  }

  async enqueue<T extends object>(name: string, data: T, options: { key?: string } = {}): Promise<void> {
    await this.boss.send(name, data, options.key === undefined ? {} : { singletonKey: options.key });
  }

  async stop(): Promise<void> {
    if (!this.started) return;
    await this.boss.stop({ graceful: true, wait: true, timeout: STOP_TIMEOUT_MS });
  }
}
