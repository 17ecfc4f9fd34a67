import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Database } from '../../db/schema';
import type { WaitRule } from './login-throttle';

const seconds = (value: RawBuilder<number> | number) => sql<Date>`make_interval(secs => ${value})`;

/** The wait after `failures` attempts: none while free, then doubling up to the cap. */
function waitAfter(failures: RawBuilder<number>, rule: WaitRule): RawBuilder<number> {
  return sql<number>`case when ${failures} < ${rule.freeFailures}::int then 0
    else least(${rule.maxWaitSeconds}::float8, ${rule.baseWaitSeconds}::float8 * power(2, ${failures} - ${rule.freeFailures}::int)) end`;
}

export type Attempt = { allowed: true; failures: number; retryAt: Date } | { allowed: false; retryAt: Date };

/**
 * Counts an attempt of `clientKey` on `accountKey` before its password is checked, in one
 * statement, so parallel attempts cannot slip past a wait: refused while the pair must still
 * wait, else counted (as a failure until a successful login clears it) with its next wait.
 */
export async function takeAttempt(db: Kysely<Database>, accountKey: string, clientKey: string, rule: WaitRule): Promise<Attempt> {
  const stale = sql<boolean>`login_throttle.last_attempt_at < now() - ${seconds(rule.memorySeconds)}`;
  const next = sql<number>`(case when ${stale} then 1 else login_throttle.failures + 1 end)`;
  const counted = await db
    .insertInto('login_throttle')
    .values({
      account_key: accountKey,
      client_key: clientKey,
      failures: 1,
      last_attempt_at: sql<Date>`now()`,
      retry_at: sql<Date>`now() + ${seconds(waitAfter(sql<number>`1`, rule))}`,
    })
    .onConflict((oc) =>
      oc
        .columns(['account_key', 'client_key'])
        .doUpdateSet({ failures: next, last_attempt_at: sql<Date>`now()`, retry_at: sql<Date>`now() + ${seconds(waitAfter(next, rule))}` })
        .where(sql<boolean>`${stale} or login_throttle.retry_at <= now()`),
    )
    .returning(['failures', 'retry_at'])
    .executeTakeFirst();
  if (counted) return { allowed: true, failures: counted.failures, retryAt: counted.retry_at };
  const waiting = await db
    .selectFrom('login_throttle')
    .select('retry_at')
    .where('account_key', '=', accountKey)
    .where('client_key', '=', clientKey)
    .executeTakeFirstOrThrow();
  return { allowed: false, retryAt: waiting.retry_at };
}

/** Failures on an account from every client within the last `windowSeconds`. */
export async function recentFailures(db: Kysely<Database>, accountKey: string, windowSeconds: number): Promise<number> {
  const row = await db
    .selectFrom('login_throttle')
    .select(sql<number>`coalesce(sum(failures), 0)::int`.as('failures'))
    .where('account_key', '=', accountKey)
    .where('last_attempt_at', '>', sql<Date>`now() - ${seconds(windowSeconds)}`)
    .executeTakeFirstOrThrow();
  return row.failures;
}

export async function clearPair(db: Kysely<Database>, accountKey: string, clientKey: string): Promise<void> {
  await db.deleteFrom('login_throttle').where('account_key', '=', accountKey).where('client_key', '=', clientKey).execute();
}

export interface AccountThrottle {
  account_key: string;
  clients: number;
  failures: number;
  waiting_clients: number;
  recent_failures: number;
  retry_at: Date;
  last_attempt_at: Date;
}

/** Per account: the clients with remembered failures, how many of them must wait, and until when. */
export async function throttlesOf(
  db: Kysely<Database>,
  accountKeys: readonly string[],
  memorySeconds: number,
  recentSeconds: number,
): Promise<AccountThrottle[]> {
  if (accountKeys.length === 0) return [];
  return db
    .selectFrom('login_throttle')
    .select([
      'account_key',
      sql<number>`count(*)::int`.as('clients'),
      sql<number>`sum(failures)::int`.as('failures'),
      sql<number>`(count(*) filter (where retry_at > now()))::int`.as('waiting_clients'),
      sql<number>`coalesce(sum(failures) filter (where last_attempt_at > now() - ${seconds(recentSeconds)}), 0)::int`.as('recent_failures'),
      sql<Date>`max(retry_at)`.as('retry_at'),
      sql<Date>`max(last_attempt_at)`.as('last_attempt_at'),
    ])
    .where('account_key', 'in', accountKeys)
    .where('last_attempt_at', '>=', sql<Date>`now() - ${seconds(memorySeconds)}`)
    .groupBy('account_key')
    .execute();
}

/** Forgets every throttle of an account; answers what was forgotten. */
export async function clearAccount(db: Kysely<Database>, accountKey: string): Promise<{ clients: number; failures: number }> {
  const rows = await db.deleteFrom('login_throttle').where('account_key', '=', accountKey).returning('failures').execute();
  return { clients: rows.length, failures: rows.reduce((sum, r) => sum + r.failures, 0) };
}

/** Forgotten failures are dead weight; called now and then, not on every attempt. */
export async function deleteStale(db: Kysely<Database>, memorySeconds: number): Promise<void> {
  await db
    .deleteFrom('login_throttle')
    .where('last_attempt_at', '<', sql<Date>`now() - ${seconds(memorySeconds)}`)
    .execute();
}
