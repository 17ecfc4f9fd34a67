import { sql, type Kysely } from 'kysely';

/**
 * Issue 14: agencies are the municipality, the police or an EST partner of a kind of its own
 * (housing, school, …); an agency is deactivated rather than deleted, so the users and records
 * that name it keep their history. Agencies of the old kind `other` become partners of kind
 * `other`. A collaboration also lists the languages its surveys offer.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table agency drop constraint agency_kind_check;
    alter table agency add column partner_kind text check (partner_kind in ('housing', 'school', 'social_services',
      'leisure', 'rescue_service', 'security_company', 'business', 'civil_society', 'other'));
    alter table agency add column active boolean not null default true;
    update agency set kind = 'partner', partner_kind = 'other' where kind = 'other';
    alter table agency add constraint agency_kind_check check (kind in ('municipality', 'police', 'partner'));
    alter table agency add constraint agency_partner_has_kind check ((kind = 'partner') = (partner_kind is not null));

    alter table collaboration add column languages text[] not null default '{sv,en}'
      check (cardinality(languages) between 1 and 20);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table collaboration drop column languages;
    alter table agency drop constraint agency_partner_has_kind;
    alter table agency drop constraint agency_kind_check;
    update agency set kind = 'other' where kind = 'partner';
    alter table agency drop column active;
    alter table agency drop column partner_kind;
    alter table agency add constraint agency_kind_check check (kind in ('municipality', 'police', 'other'));
  `.execute(db);
}
