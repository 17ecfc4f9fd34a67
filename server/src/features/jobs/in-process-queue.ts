import { DeclaredJobs } from './job-queue';

/**
 * The embedded database's queue: one process owns the database, so jobs run here, one at a time
 * per job name, and recurring work runs on timers (which do not keep the process alive).
 * Nothing is kept over a restart; what must survive one (a feed's next run) is in the database.
 */
export class InProcessQueue extends DeclaredJobs {
  private readonly timers: NodeJS.Timeout[] = [];
  /** The tail of each job name's chain: jobs of one name never overlap. */
  private readonly tails = new Map<string, Promise<void>>();
  /** Keys of jobs waiting to run, per job name. */
  private readonly waiting = new Set<string>();
  private stopped = false;

  start(): Promise<void> {
    this.checkSchedules();
    this.started = true;
    for (const [name, minutes] of this.schedules) {
      const timer = setInterval(() => void this.enqueue(name, {}, { key: 'schedule' }), minutes * 60_000);
      timer.unref();
      this.timers.push(timer);
    }
    return Promise.resolve();
  }

  enqueue<T extends object>(name: string, data: T, options: { key?: string } = {}): Promise<void> {
    if (this.stopped) return Promise.resolve();
    const waitKey = options.key === undefined ? undefined : `${name}\u0000${options.key}`;
    if (waitKey !== undefined) {
      if (this.waiting.has(waitKey)) return Promise.resolve();
      this.waiting.add(waitKey);
    }
    const previous = this.tails.get(name) ?? Promise.resolve();
    const next = previous.then(async () => {
      if (waitKey !== undefined) this.waiting.delete(waitKey);
      if (!this.stopped) await this.runHandler(name, data);
    });
    this.tails.set(name, next);
    void next.finally(() => {
      if (this.tails.get(name) === next) this.tails.delete(name);
    });
    return Promise.resolve();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const timer of this.timers) clearInterval(timer);
    await Promise.all(this.tails.values());
  }
}
