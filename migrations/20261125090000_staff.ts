import { sql, type Kysely } from 'kysely';

/**
 * Staff accounts: agencies (municipality or police) inside a collaboration, users with a role,
 * server-side sessions, one-time invitation and reset links, shared rate-limit counters and
 * the audit log. Sessions, tokens and counters hold hashes only, never the secrets.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table agency (
      id uuid primary key default gen_random_uuid(),
      collaboration_id uuid not null references collaboration(id) on delete cascade,
      kind text not null check (kind in ('municipality', 'police', 'other')),
      name text not null check (length(name) between 1 and 200),
      unique (collaboration_id, name)
    );

    create table app_user (
      id uuid primary key default gen_random_uuid(),
      collaboration_id uuid not null references collaboration(id) on delete cascade,
      agency_id uuid not null references agency(id) on delete restrict,
      email text not null unique check (email = lower(email) and length(email) between 3 and 254),
      display_name text not null check (length(display_name) between 1 and 200),
      role text not null check (role in ('admin', 'coordinator', 'official')),
      status text not null check (status in ('invited', 'active', 'disabled')),
      password_hash text,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      check (status = 'invited' or password_hash is not null)
    );
    create index app_user_collaboration_idx on app_user (collaboration_id);

    create table user_session (
      token_hash text primary key,
      user_id uuid not null references app_user(id) on delete cascade,
      created_at timestamptz not null default now(),
      last_seen_at timestamptz not null default now(),
      expires_at timestamptz not null
    );
    create index user_session_user_idx on user_session (user_id);

    create table one_time_token (
      token_hash text primary key,
      user_id uuid not null references app_user(id) on delete cascade,
      purpose text not null check (purpose in ('invite', 'reset')),
      created_at timestamptz not null default now(),
      expires_at timestamptz not null,
      used_at timestamptz
    );

    create table rate_limit_counter (
      key text primary key,
      window_started_at timestamptz not null,
      hits integer not null
    );

    create table audit_log (
      id bigint generated always as identity primary key,
      collaboration_id uuid references collaboration(id) on delete cascade,
      actor_user_id uuid references app_user(id) on delete set null,
      action text not null,
      target_type text,
      target_id text,
      details jsonb not null default '{}',
      created_at timestamptz not null default now()
    );
    create index audit_log_collaboration_idx on audit_log (collaboration_id, created_at desc);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    drop table audit_log;
    drop table rate_limit_counter;
    drop table one_time_token;
    drop table user_session;
    drop table app_user;
    drop table agency;
  `.execute(db);
}
