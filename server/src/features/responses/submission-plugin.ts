import fp from 'fastify-plugin';
import { BatchedRateCounter } from '../rate-limits/rate-limit-service';
import { SubmissionBatcher } from './submission-batcher';

declare module 'fastify' {
  interface FastifyInstance {
    /** Per-client submission counts (one-minute windows), shared by instances, batched per instance. */
    submissionCounter: BatchedRateCounter;
    /** Writes residents' submissions, several per statement when they arrive together. */
    submissionBatcher: SubmissionBatcher;
  }
}

export const submissionPlugin = fp(
  async (app) => {
    const counter = new BatchedRateCounter(app.db, 60);
    app.decorate('submissionCounter', counter);
    app.decorate('submissionBatcher', new SubmissionBatcher(app.db));
    // Unwritten hits go to the database before it closes (plugins close in reverse order).
    app.addHook('onClose', async () => counter.close());
  },
  { name: 'submission', dependencies: ['database'] },
);
