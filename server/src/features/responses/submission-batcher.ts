import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { insertSubmissions, type NewSubmission } from './response-repository';

interface Waiting {
  submission: NewSubmission;
  resolve: (status: 'accepted' | 'flagged' | undefined) => void;
  reject: (error: unknown) => void;
}

/**
 * Writes residents' submissions. One arriving while fewer than `maxConcurrent` writes are under
 * way goes to the database at once; the ones arriving while all are busy wait and go together
 * in the next statement (one round trip and one commit for all of them). A quiet server adds
 * no delay; a busy one spends its database time on rows instead of on statements. Each caller
 * learns only once its own statement has committed. Lives on the app (never module state).
 */
export class SubmissionBatcher {
  private readonly queue: Waiting[] = [];
  private writing = 0;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly maxConcurrent = 4,
    private readonly maxBatch = 100,
  ) {}

  /** Stores one submission: its status, or undefined when its idempotency key was stored already. */
  store(submission: NewSubmission): Promise<'accepted' | 'flagged' | undefined> {
    return new Promise((resolve, reject) => {
      this.queue.push({ submission, resolve, reject });
      this.pump();
    });
  }

  private pump(): void {
    while (this.writing < this.maxConcurrent && this.queue.length > 0) {
      const batch = this.queue.splice(0, this.maxBatch);
      this.writing++;
      void this.write(batch).finally(() => {
        this.writing--;
        this.pump();
      });
    }
  }

  private async write(batch: Waiting[]): Promise<void> {
    try {
      const stored = await insertSubmissions(
        this.db,
        batch.map((w) => w.submission),
      );
      for (const w of batch) w.resolve(stored.get(w.submission.response.id));
    } catch (error) {
      const [only, ...others] = batch;
      if (only && others.length === 0) {
        only.reject(error);
        return;
      }
      // Nothing of the batch was written; one bad submission must not fail the others.
      await Promise.all(batch.map((w) => this.write([w])));
    }
  }
}
