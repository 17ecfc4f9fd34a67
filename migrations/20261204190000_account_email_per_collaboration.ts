import { sql, type Kysely } from 'kysely';

/**
 * An e-mail address is unique within a collaboration, not across them. Inviting an address
 * that has an account in another collaboration creates this collaboration's own account, just
 * as for a fresh address, so an admin cannot learn that the other account exists (issue 20).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table app_user drop constraint app_user_email_key;
    alter table app_user add constraint app_user_collaboration_email_key unique (collaboration_id, email);
    create index app_user_email_idx on app_user (email);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    drop index app_user_email_idx;
    alter table app_user drop constraint app_user_collaboration_email_key;
    alter table app_user add constraint app_user_email_key unique (email);
  `.execute(db);
}
