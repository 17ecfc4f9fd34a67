import fp from 'fastify-plugin';
import { BatchedRateCounter } from '../auth/batched-rate-counter';

declare module 'fastify' {
  interface FastifyInstance {
    /** Per-client submission counts (one-minute windows), shared by instances, batched per instance. */
    submissionCounter: BatchedRateCounter;
  }
}

export const submissionLimitPlugin = fp(
  async (app) => {
    const counter = new BatchedRateCounter(app.db, 60);
    app.decorate('submissionCounter', counter);
    // Unwritten hits go to the database before it closes (plugins close in reverse order).
    app.addHook('onClose', async () => counter.close());
  },
  { name: 'submission-limit', dependencies: ['database'] },
);
