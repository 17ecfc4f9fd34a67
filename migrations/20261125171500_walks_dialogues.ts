import { sql, type Kysely } from 'kysely';

/**
 * Safety walks (trygghetsvandringar) with their stops and photos, and dialogue meetings with
 * the concerns raised. Stops and concerns feed the point store (origin_kind 'walk_stop' /
 * 'dialogue', origin_id = the stop's or concern's id); triggers remove those points whenever a
 * stop or concern goes, however it goes (its own delete, or a cascade from its walk or meeting).
 *
 * A stop's client_id is the UUID the phone made when it was recorded: unique per walk, it makes
 * a repeated upload store nothing twice; body_hash tells a repeat from a conflicting one.
 * Photos are kept in the database (bytea), already stripped of EXIF/XMP/IPTC metadata, so both
 * databases and every instance behind a load balancer serve them alike.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table safety_walk (
      id uuid primary key default gen_random_uuid(),
      collaboration_id uuid not null references collaboration(id) on delete cascade,
      title text not null check (length(title) between 1 and 200),
      area_id uuid references area(id) on delete set null,
      route_description text check (length(route_description) <= 2000),
      walked_on date not null,
      light text not null check (light in ('daylight', 'dark')),
      participants integer not null check (participants between 1 and 1000),
      partners text[] not null default '{}' check (cardinality(partners) <= 30),
      status text not null default 'planned' check (status in ('planned', 'done')),
      created_by uuid references app_user(id) on delete set null,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );
    create index safety_walk_collaboration_idx on safety_walk (collaboration_id, walked_on);

    create table walk_stop (
      id uuid primary key default gen_random_uuid(),
      walk_id uuid not null references safety_walk(id) on delete cascade,
      client_id uuid not null,
      body_hash text not null,
      lat double precision not null check (lat between -90 and 90),
      lon double precision not null check (lon between -180 and 180),
      x double precision not null,
      y double precision not null,
      lighting smallint check (lighting between 0 and 3),
      openness smallint check (openness between 0 and 3),
      visibility smallint check (visibility between 0 and 3),
      people smallint check (people between 0 and 3),
      security smallint check (security between 0 and 3),
      walk_path smallint check (walk_path between 0 and 3),
      transport smallint check (transport between 0 and 3),
      mixed_use smallint check (mixed_use between 0 and 3),
      feeling smallint check (feeling between 0 and 3),
      notes text check (length(notes) <= 2000),
      action_text text check (length(action_text) between 1 and 1000),
      action_owner text check (action_owner in ('municipality', 'property_owner', 'police', 'other')),
      action_owner_name text check (length(action_owner_name) <= 200),
      action_status text not null default 'open' check (action_status in ('open', 'adopted', 'dismissed')),
      recorded_at timestamptz,
      created_by uuid references app_user(id) on delete set null,
      created_at timestamptz not null default now(),
      unique (walk_id, client_id),
      check ((action_text is null) = (action_owner is null))
    );

    create table walk_photo (
      id uuid primary key default gen_random_uuid(),
      stop_id uuid not null references walk_stop(id) on delete cascade,
      client_id uuid not null,
      content_type text not null check (content_type in ('image/jpeg', 'image/png', 'image/webp')),
      bytes bytea not null,
      size integer not null check (size between 1 and 8388608),
      sha256 text not null,
      width integer,
      height integer,
      created_at timestamptz not null default now(),
      unique (stop_id, client_id)
    );

    create table dialogue_meeting (
      id uuid primary key default gen_random_uuid(),
      collaboration_id uuid not null references collaboration(id) on delete cascade,
      held_on date not null,
      place text not null check (length(place) between 1 and 200),
      area_id uuid references area(id) on delete set null,
      audience text not null check (audience in ('residents', 'staff')),
      present integer not null check (present between 0 and 100000),
      notes text check (length(notes) <= 5000),
      created_by uuid references app_user(id) on delete set null,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );
    create index dialogue_meeting_collaboration_idx on dialogue_meeting (collaboration_id, held_on);

    create table dialogue_concern (
      id uuid primary key default gen_random_uuid(),
      meeting_id uuid not null references dialogue_meeting(id) on delete cascade,
      text text not null check (length(text) between 1 and 1000),
      category text not null check (category in ('lighting', 'traffic', 'drugs', 'alcohol', 'youth_gangs',
        'disorder', 'harassment', 'violence', 'theft_burglary', 'vandalism_graffiti', 'littering', 'other')),
      mentions integer not null default 1 check (mentions between 1 and 100000),
      lat double precision check (lat between -90 and 90),
      lon double precision check (lon between -180 and 180),
      area_id uuid references area(id) on delete set null,
      created_at timestamptz not null default now(),
      check ((lat is null) = (lon is null))
    );
    create index dialogue_concern_meeting_idx on dialogue_concern (meeting_id);

    create function delete_origin_points() returns trigger language plpgsql as $$
    begin
      delete from point where origin_kind = tg_argv[0] and origin_id in (select id from old_rows);
      return null;
    end
    $$;
    create trigger walk_stop_points_delete after delete on walk_stop
      referencing old table as old_rows for each statement execute function delete_origin_points('walk_stop');
    create trigger dialogue_concern_points_delete after delete on dialogue_concern
      referencing old table as old_rows for each statement execute function delete_origin_points('dialogue');
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    delete from point where origin_kind in ('walk_stop', 'dialogue');
    drop trigger dialogue_concern_points_delete on dialogue_concern;
    drop trigger walk_stop_points_delete on walk_stop;
    drop function delete_origin_points();
    drop table dialogue_concern;
    drop table dialogue_meeting;
    drop table walk_photo;
    drop table walk_stop;
    drop table safety_walk;
  `.execute(db);
}
