import { sql, type Kysely } from 'kysely';
import type { AgencyKind, PartnerKind } from '@lagesbild/shared';
import type { Database } from '../../db/schema';

type Db = Kysely<Database>;

const agencyColumns = ['id', 'kind', 'name', 'partner_kind', 'active'] as const;

export interface AgencyRow {
  id: string;
  kind: AgencyKind;
  name: string;
  partner_kind: PartnerKind | null;
  active: boolean;
}

export async function listAgencies(db: Db, collaborationId: string): Promise<AgencyRow[]> {
  return db.selectFrom('agency').select(agencyColumns).where('collaboration_id', '=', collaborationId).orderBy('name').execute();
}

export async function findAgency(db: Db, collaborationId: string, agencyId: string): Promise<AgencyRow | undefined> {
  return db
    .selectFrom('agency')
    .select(agencyColumns)
    .where('collaboration_id', '=', collaborationId)
    .where('id', '=', agencyId)
    .executeTakeFirst();
}

export async function insertAgency(
  db: Db,
  agency: { collaborationId: string; kind: AgencyKind; name: string; partnerKind: PartnerKind | null },
): Promise<string> {
  const row = await db
    .insertInto('agency')
    .values({ collaboration_id: agency.collaborationId, kind: agency.kind, name: agency.name, partner_kind: agency.partnerKind })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function updateAgency(db: Db, agencyId: string, changes: { name?: string; partnerKind?: PartnerKind; active?: boolean }) {
  await db
    .updateTable('agency')
    .set({
      ...(changes.name !== undefined ? { name: changes.name } : {}),
      ...(changes.partnerKind !== undefined ? { partner_kind: changes.partnerKind } : {}),
      ...(changes.active !== undefined ? { active: changes.active } : {}),
    })
    .where('id', '=', agencyId)
    .execute();
}

/** Active police agencies of the collaboration other than this one. */
export async function countOtherActivePolice(db: Db, collaborationId: string, agencyId: string): Promise<number> {
  const row = await db
    .selectFrom('agency')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('collaboration_id', '=', collaborationId)
    .where('kind', '=', 'police')
    .where('active', '=', true)
    .where('id', '<>', agencyId)
    .executeTakeFirstOrThrow();
  return row.n;
}

/** Accounts that still work in the agency (a read of users' table beside our own row, never a write). */
export async function countLiveUsers(db: Db, agencyId: string): Promise<number> {
  const row = await db
    .selectFrom('app_user')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('agency_id', '=', agencyId)
    .where('status', '<>', 'disabled')
    .executeTakeFirstOrThrow();
  return row.n;
}
