import { Worker } from 'node:worker_threads';
import type { FastifyBaseLogger } from 'fastify';
import fp from 'fastify-plugin';
import { LRUCache } from 'lru-cache';
import { runJob, type Job, type JobResult } from './hotspot-compute';
import { loadCollaborationData, pruneDataChanges, type CollaborationData } from './hotspot-repository';

/** A serialized answer, ready to send (and its gzip, for big answers). */
export interface CachedAnswer {
  body: string;
  gzip: Buffer | undefined;
  items: number;
}

/** What an answer is computed from (boxed, so the Job union stays one context type). */
export interface AnswerContext {
  job: Job;
}

export interface HotspotCaches {
  /** Answers by collaboration + data version + viewer + normalised request (bounded by bytes); fetched with their job. */
  readonly answers: LRUCache<string, CachedAnswer, AnswerContext>;
  /** A collaboration's point columns and areas by data version (bounded by points held); fetched with the collaboration id. */
  readonly data: LRUCache<string, CollaborationData, string>;
}

export interface HotspotEngine extends HotspotCaches {
  /** Runs a job on the worker thread (or inline where workers are unavailable). */
  run(job: Job): Promise<JobResult>;
  /** 'worker' once the worker answers, 'inline' when it could not start. */
  mode(): 'worker' | 'inline' | 'not started';
  clear(): void;
}

declare module 'fastify' {
  interface FastifyInstance {
    hotspots: HotspotEngine;
  }
}

/**
 * The worker's entry. Compiled (server/dist/, scripts/build-server.mjs) it sits beside the server;
 * run as TypeScript (tsx, vitest), the boot file first teaches the worker to load TypeScript.
 */
const WORKER_ENTRY = import.meta.url.endsWith('.ts')
  ? new URL('./hotspot-worker-boot.mjs', import.meta.url)
  : new URL('./hotspot-worker.js', import.meta.url);

type Pending = { resolve: (r: JobResult) => void; reject: (e: Error) => void };
/** What hotspot-worker.ts posts: once that it is ready, then one answer per job. */
type WorkerMessage =
  { ready: true } | { id: number; ok: true; result: JobResult } | { id: number; ok: false; error: { name: string; message: string } };

/**
 * One worker thread for the hot-spot statistics, started on first use. Jobs queue in the
 * worker's message port and run one at a time there, so the event loop (and PGlite's single
 * connection) stay free. If the worker cannot start at all, jobs run inline and a warning says so.
 */
class WorkerRunner {
  private worker: Worker | undefined;
  private starting: Promise<boolean> | undefined;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private closed = false;
  state: 'worker' | 'inline' | 'not started' = 'not started';

  constructor(private readonly log: FastifyBaseLogger) {}

  private start(): Promise<boolean> {
    if (this.state === 'inline') return Promise.resolve(false);
    this.starting ??= new Promise<boolean>((resolve) => {
      let worker: Worker;
      try {
        worker = new Worker(WORKER_ENTRY);
      } catch (error) {
        this.goInline(error);
        resolve(false);
        return;
      }
      let ready = false;
      worker.on('message', (message: WorkerMessage) => {
        if ('ready' in message) {
          ready = true;
          this.state = 'worker';
          resolve(true);
          return;
        }
        const pending = this.pending.get(message.id);
        if (!pending) return;
        this.pending.delete(message.id);
        if (message.ok) pending.resolve(message.result);
        else pending.reject(Object.assign(new Error(message.error.message), { name: message.error.name }));
      });
      worker.on('error', (error) => {
        if (!ready) {
          this.goInline(error);
          resolve(false);
          return;
        }
        this.log.error({ err: error }, 'hot-spot worker failed');
      });
      worker.on('exit', (code) => {
        this.worker = undefined;
        this.starting = undefined;
        for (const [id, pending] of this.pending) {
          this.pending.delete(id);
          pending.reject(new Error(`the hot-spot worker stopped (exit code ${code})`));
        }
        if (!ready && this.state !== 'inline') {
          this.goInline(new Error(`exit code ${code}`));
          resolve(false);
        }
      });
      // Never keep the process alive just for an idle worker.
      worker.unref();
      this.worker = worker;
    });
    return this.starting;
  }

  private goInline(error: unknown): void {
    this.state = 'inline';
    this.log.warn({ err: error }, 'hot-spot worker thread unavailable: computing on the main thread instead');
  }

  async run(job: Job): Promise<JobResult> {
    if (this.closed) throw new Error('the app is closing');
    const worker = (await this.start()) ? this.worker : undefined;
    if (!worker) return runJob(job);
    const id = this.nextId++;
    return new Promise<JobResult>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.postMessage({ id, job });
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.worker?.terminate();
  }
}

/**
 * The engine's caches. `fetch` starts one load per missing key however many requests ask for it
 * at once, and drops a load that fails. An entry evicted or cleared while it loads still answers
 * the requests waiting on it (`ignoreFetchAbort`); it is only not kept.
 */
export function hotspotCaches(
  run: (job: Job) => Promise<JobResult>,
  load: (collaborationId: string) => Promise<CollaborationData>,
): HotspotCaches {
  return {
    // 64 answers or 256 MB of serialized answers, whichever comes first.
    answers: new LRUCache<string, CachedAnswer, AnswerContext>({
      max: 64,
      maxSize: 256 * 1024 * 1024,
      sizeCalculation: (answer) => Math.max(1, answer.body.length + (answer.gzip?.length ?? 0)),
      ignoreFetchAbort: true,
      fetchMethod: async (_key, _stale, { context }) => {
        const result = await run(context.job);
        const gzip = result.gzip ? Buffer.from(result.gzip.buffer, result.gzip.byteOffset, result.gzip.byteLength) : undefined;
        return { body: result.body, gzip, items: result.items };
      },
    }),
    // Point columns of a few collaborations, at most 8 million points (≈ 330 MB).
    data: new LRUCache<string, CollaborationData, string>({
      max: 8,
      maxSize: 8_000_000,
      sizeCalculation: (data) => Math.max(1, data.columns.length),
      ignoreFetchAbort: true,
      fetchMethod: (_key, _stale, { context: collaborationId }) => load(collaborationId),
    }),
  };
}

/** How often the data-change log loses its rows older than each collaboration's newest. */
const PRUNE_EVERY_MINUTES = 10;

export const hotspotEnginePlugin = fp(
  async (app) => {
    const runner = new WorkerRunner(app.log);
    const engine: HotspotEngine = {
      ...hotspotCaches(
        (job) => runner.run(job),
        (collaborationId) => loadCollaborationData(app.db, collaborationId),
      ),
      run: (job) => runner.run(job),
      mode: () => runner.state,
      clear: () => {
        engine.answers.clear();
        engine.data.clear();
      },
    };
    app.decorate('hotspots', engine);

    // On the job queue: once across instances, however many run.
    app.jobs.work('hotspots.prune-data-changes', async () => {
      await pruneDataChanges(app.db);
    });
    app.jobs.every('hotspots.prune-data-changes', PRUNE_EVERY_MINUTES);
    app.addHook('onClose', async () => runner.close());
  },
  { name: 'hotspot-engine', dependencies: ['jobs'] },
);
