import { sql, type Kysely } from 'kysely';

/**
 * A data version per collaboration for the hot-spot cache: every statement that inserts,
 * updates or deletes points or areas of a collaboration, or changes the moderation status of
 * its survey responses, appends a row to `collaboration_data_change` (statement-level triggers
 * with transition tables: one row per statement, not per changed row). The version is the
 * newest id visible to the reader. Appending takes no row lock, so concurrent submissions and a
 * long import never wait for each other (a counter on the collaboration row would serialise
 * them); and an uncommitted change is invisible until it commits, so a cache entry is never
 * keyed to data it could not see. Cached results are keyed by it on every instance.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table collaboration_data_change (
      id bigint generated always as identity primary key,
      collaboration_id uuid not null references collaboration(id) on delete cascade,
      changed_at timestamptz not null default now()
    );
    create index collaboration_data_change_idx on collaboration_data_change (collaboration_id, id desc);

    create function bump_collaboration_data_version() returns trigger language plpgsql as $$
    begin
      if tg_op = 'INSERT' then
        insert into collaboration_data_change (collaboration_id) select distinct collaboration_id from new_rows;
      elsif tg_op = 'DELETE' then
        insert into collaboration_data_change (collaboration_id) select distinct collaboration_id from old_rows;
      else
        insert into collaboration_data_change (collaboration_id)
          select collaboration_id from new_rows union select collaboration_id from old_rows;
      end if;
      return null;
    end
    $$;

    create trigger point_data_version_insert after insert on point
      referencing new table as new_rows for each statement execute function bump_collaboration_data_version();
    create trigger point_data_version_update after update on point
      referencing old table as old_rows new table as new_rows for each statement execute function bump_collaboration_data_version();
    create trigger point_data_version_delete after delete on point
      referencing old table as old_rows for each statement execute function bump_collaboration_data_version();

    create trigger area_data_version_insert after insert on area
      referencing new table as new_rows for each statement execute function bump_collaboration_data_version();
    create trigger area_data_version_update after update on area
      referencing old table as old_rows new table as new_rows for each statement execute function bump_collaboration_data_version();
    create trigger area_data_version_delete after delete on area
      referencing old table as old_rows for each statement execute function bump_collaboration_data_version();

    create trigger survey_response_data_version_update after update on survey_response
      referencing old table as old_rows new table as new_rows for each statement execute function bump_collaboration_data_version();
    create trigger survey_response_data_version_delete after delete on survey_response
      referencing old table as old_rows for each statement execute function bump_collaboration_data_version();
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    drop trigger survey_response_data_version_delete on survey_response;
    drop trigger survey_response_data_version_update on survey_response;
    drop trigger area_data_version_delete on area;
    drop trigger area_data_version_update on area;
    drop trigger area_data_version_insert on area;
    drop trigger point_data_version_delete on point;
    drop trigger point_data_version_update on point;
    drop trigger point_data_version_insert on point;
    drop function bump_collaboration_data_version();
    drop table collaboration_data_change;
  `.execute(db);
}
