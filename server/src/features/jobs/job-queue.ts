import type { FastifyBaseLogger } from 'fastify';

/**
 * The job queue every feature uses for background and periodic work. Small on purpose: a
 * handler per job name, recurring work every few minutes, and enqueueing one job. Handlers and
 * schedules are declared while the app registers its plugins and start when it is ready; jobs
 * can be enqueued once it is. Two implementations: pg-boss on PostgreSQL (pg-boss-queue.ts: once
 * across instances, kept over restarts) and in process on the embedded database
 * (in-process-queue.ts: the same handlers, one process).
 */
export interface JobQueue {
  /** Runs `handler` for every job named `name`. A handler that throws is logged, not retried. */
  work<T extends object>(name: string, handler: (data: T) => Promise<void>): void;
  /**
   * Enqueues `name` (with `{}`) every `minutes` minutes (1–60, dividing 60: the clock's minutes
   * at which it runs), once across all instances. A handler must be declared with `work`.
   */
  every(name: string, minutes: number): void;
  /** Enqueues one job. With `key`, a job of this name and key that is still waiting absorbs it. */
  enqueue<T extends object>(name: string, data: T, options?: { key?: string }): Promise<void>;
}

export type JobHandler = (data: object) => Promise<void>;

/** What both implementations do with the declarations made before start. */
export abstract class DeclaredJobs implements JobQueue {
  protected readonly handlers = new Map<string, JobHandler>();
  protected readonly schedules = new Map<string, number>();
  protected started = false;

  constructor(protected readonly log: FastifyBaseLogger) {}

  work<T extends object>(name: string, handler: (data: T) => Promise<void>): void {
    if (this.started) throw new Error(`job handler ${name} declared after the queue started`);
    if (this.handlers.has(name)) throw new Error(`job ${name} has two handlers`);
    this.handlers.set(name, handler as JobHandler);
  }

  every(name: string, minutes: number): void {
    if (this.started) throw new Error(`schedule ${name} declared after the queue started`);
    if (!Number.isInteger(minutes) || minutes < 1 || minutes > 60 || 60 % minutes !== 0) {
      throw new Error(`schedule ${name}: every ${minutes} minutes does not divide the hour`);
    }
    this.schedules.set(name, minutes);
  }

  abstract enqueue<T extends object>(name: string, data: T, options?: { key?: string }): Promise<void>;
  abstract start(): Promise<void>;
  abstract stop(): Promise<void>;

  protected checkSchedules(): void {
    for (const name of this.schedules.keys()) {
      if (!this.handlers.has(name)) throw new Error(`schedule ${name} has no handler`);
    }
  }

  /** Runs a handler, logging (never throwing) what it throws: the next run tries again. */
  protected async runHandler(name: string, data: object): Promise<void> {
    const handler = this.handlers.get(name);
    if (!handler) {
      this.log.warn({ job: name }, 'job without a handler dropped');
      return;
    }
    try {
      await handler(data);
    } catch (error) {
      this.log.error({ err: error, job: name }, 'job failed');
    }
  }
}
