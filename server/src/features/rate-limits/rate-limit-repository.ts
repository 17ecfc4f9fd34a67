import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/schema';

/**
 * Fixed-window counters in the database, so every instance behind a load balancer shares
 * them. Adds `count` hits (default one) and returns the hits in the current window, these included.
 */
export async function hit(db: Kysely<Database>, key: string, windowSeconds: number, count = 1): Promise<{ hits: number; resetAt: Date }> {
  const row = await db
    .insertInto('rate_limit_counter')
    .values({ key, window_started_at: sql<Date>`now()`, hits: count })
    .onConflict((oc) =>
      oc.column('key').doUpdateSet({
        hits: sql<number>`case when rate_limit_counter.window_started_at < now() - make_interval(secs => ${windowSeconds})
          then ${count}::int else rate_limit_counter.hits + ${count}::int end`,
        window_started_at: sql<Date>`case when rate_limit_counter.window_started_at < now() - make_interval(secs => ${windowSeconds})
          then now() else rate_limit_counter.window_started_at end`,
      }),
    )
    .returning(['hits', 'window_started_at'])
    .executeTakeFirstOrThrow();
  return { hits: row.hits, resetAt: new Date(row.window_started_at.getTime() + windowSeconds * 1000) };
}

export async function peek(db: Kysely<Database>, key: string, windowSeconds: number): Promise<{ hits: number; resetAt: Date } | undefined> {
  const row = await db
    .selectFrom('rate_limit_counter')
    .select(['hits', 'window_started_at'])
    .where('key', '=', key)
    .where('window_started_at', '>=', sql<Date>`now() - make_interval(secs => ${windowSeconds})`)
    .executeTakeFirst();
  return row && { hits: row.hits, resetAt: new Date(row.window_started_at.getTime() + windowSeconds * 1000) };
}

/** Old windows are dead weight; called now and then, not on every request. */
export async function deleteExpired(db: Kysely<Database>, olderThanSeconds: number): Promise<void> {
  await db
    .deleteFrom('rate_limit_counter')
    .where('window_started_at', '<', sql<Date>`now() - make_interval(secs => ${olderThanSeconds})`)
    .execute();
}
