import { sql, type Kysely } from 'kysely';

/**
 * Login throttles per (account, client) instead of one lock per account: failures slow down
 * the client that makes them, never another client with the right password (issue 20). Both
 * keys are keyed pseudonyms (HMAC with the session secret): no address is stored. The old
 * per-account counters in rate_limit_counter are dropped with it.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table login_throttle (
      account_key text not null,
      client_key text not null,
      failures integer not null check (failures > 0),
      last_attempt_at timestamptz not null,
      retry_at timestamptz not null,
      primary key (account_key, client_key)
    );
    create index login_throttle_last_attempt_idx on login_throttle (last_attempt_at);
    delete from rate_limit_counter where key like 'login:account:%';
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table login_throttle`.execute(db);
}
