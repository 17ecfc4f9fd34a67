/**
 * The hot-spot worker thread: receives jobs (point columns in SharedArrayBuffers, so nothing is
 * copied), runs them with runJob and posts back the serialized answer. Started through
 * hotspot-worker-boot.mjs, which teaches the worker to load TypeScript.
 */
import { parentPort } from 'node:worker_threads';
import { runJob, type Job } from './hotspot-compute';

interface Request {
  id: number;
  job: Job;
}

if (!parentPort) throw new Error('hotspot-worker.ts must run in a worker thread');
const port = parentPort;
port.on('message', ({ id, job }: Request) => {
  try {
    port.postMessage({ id, ok: true, result: runJob(job) });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    port.postMessage({ id, ok: false, error: { message, name: error instanceof Error ? error.name : 'Error' } });
  }
});
port.postMessage({ ready: true });
