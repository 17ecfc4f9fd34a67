import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import * as limits from './rate-limit-repository';

interface Entry {
  /** The shared count as the database last told it (our flushed hits included). */
  shared: number;
  /** Hits taken here and not yet written to the database. */
  pending: number;
  resetAt: number;
  syncedAt: number;
  syncing: Promise<void> | undefined;
}

/**
 * Fixed-window counters shared by every instance through `rate_limit_counter`, without a
 * database write per request: a busy key is read and written at most every `syncMs` (and by
 * the periodic flush), and in between an instance decides on the last shared count plus its
 * own unwritten hits. A key seen for the first time, or not synced for `syncMs`, waits for the
 * database, so a quiet client is counted exactly; a busy one may overshoot the limit by what
 * the other instances took in the last `syncMs`. Lives on the app (never module state).
 */
export class BatchedRateCounter {
  private readonly entries = new Map<string, Entry>();
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly windowSeconds: number,
    private readonly syncMs = 250,
    private readonly maxEntries = 50_000,
  ) {
    this.timer = setInterval(() => void this.flush().catch(() => undefined), syncMs);
    this.timer.unref();
  }

  /** Counts one hit for `key`; returns the hits in the window (this one included) and when it ends. */
  async hit(key: string, now = Date.now()): Promise<{ hits: number; resetAt: Date }> {
    let entry = this.entries.get(key);
    if (!entry || (now >= entry.resetAt && !entry.syncing)) {
      if (!entry && this.entries.size >= this.maxEntries) await this.evictOne();
      entry = { shared: 0, pending: 0, resetAt: 0, syncedAt: 0, syncing: undefined };
      this.entries.set(key, entry);
    }
    entry.pending += 1;
    if (entry.syncing) await entry.syncing;
    else if (now - entry.syncedAt >= this.syncMs) await this.sync(key, entry);
    return { hits: entry.shared + entry.pending, resetAt: new Date(entry.resetAt) };
  }

  /** Writes every key's unwritten hits; called periodically and when the app closes. */
  async flush(): Promise<void> {
    const now = Date.now();
    const work: Promise<void>[] = [];
    for (const [key, entry] of this.entries) {
      if (entry.syncing) work.push(entry.syncing);
      else if (entry.pending > 0) work.push(this.sync(key, entry));
      else if (now >= entry.resetAt) this.entries.delete(key);
    }
    await Promise.all(work);
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
    await this.flush();
  }

  private sync(key: string, entry: Entry): Promise<void> {
    const count = entry.pending;
    entry.syncing = (async () => {
      try {
        const { hits, resetAt } = await limits.hit(this.db, key, this.windowSeconds, count);
        entry.pending -= count;
        entry.shared = hits;
        entry.resetAt = resetAt.getTime();
        entry.syncedAt = Date.now();
      } finally {
        entry.syncing = undefined;
      }
    })();
    return entry.syncing;
  }

  private async evictOne(): Promise<void> {
    const [key, entry] = this.entries.entries().next().value as [string, Entry];
    if (entry.pending > 0 && !entry.syncing) await this.sync(key, entry);
    this.entries.delete(key);
  }
}
