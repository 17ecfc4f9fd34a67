import { must, type Role } from '@lagesbild/shared';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { hashPassword } from '../../lib/password';

/** Demo-only: every demo account shares this password, which README.md documents. */
export const DEMO_STAFF_PASSWORD = 'trygg-i-varnamo-demo';
export const DEMO_COORDINATOR_EMAIL = 'samordnare@demo.lagesbild.se';
export const DEMO_OFFICIAL_EMAIL = 'ordforande@demo.lagesbild.se';

export interface DemoStaffMember {
  email: string;
  displayName: string;
  role: Role;
  agency: 'municipality' | 'police';
}

const DEMO_STAFF: DemoStaffMember[] = [
  { email: 'admin@demo.lagesbild.se', displayName: 'Alva Admin', role: 'admin', agency: 'municipality' },
  { email: DEMO_COORDINATOR_EMAIL, displayName: 'Sara Samordnare', role: 'coordinator', agency: 'municipality' },
  { email: 'kommunpolis@demo.lagesbild.se', displayName: 'Kim Kommunpolis', role: 'coordinator', agency: 'police' },
  { email: DEMO_OFFICIAL_EMAIL, displayName: 'Olle Ordförande', role: 'official', agency: 'municipality' },
  { email: 'polischef@demo.lagesbild.se', displayName: 'Parisa Polischef', role: 'official', agency: 'police' },
];

/** The demo collaboration's agencies (kommun, polis, a housing partner) and one account per role and agency. */
export async function seedDemoStaff(db: Kysely<Database>, collaborationId: string): Promise<DemoStaffMember[]> {
  const passwordHash = await hashPassword(DEMO_STAFF_PASSWORD);
  return db.transaction().execute(async (trx) => {
    const agencies = await trx
      .insertInto('agency')
      .values([
        { collaboration_id: collaborationId, kind: 'municipality', name: 'Värnamo kommun' },
        { collaboration_id: collaborationId, kind: 'police', name: 'Lokalpolisområde Värnamo' },
        // An EST partner without accounts of its own, so the agencies page shows all three kinds.
        { collaboration_id: collaborationId, kind: 'partner', partner_kind: 'housing', name: 'Värnamo Bostäder' },
      ])
      .returning(['id', 'kind'])
      .execute();
    const agencyOf = (kind: string) =>
      must(
        agencies.find((a) => a.kind === kind),
        `the ${kind} agency`,
      ).id;
    await trx
      .insertInto('app_user')
      .values(
        DEMO_STAFF.map((s) => ({
          collaboration_id: collaborationId,
          agency_id: agencyOf(s.agency),
          email: s.email,
          display_name: s.displayName,
          role: s.role,
          status: 'active' as const,
          password_hash: passwordHash,
        })),
      )
      .execute();
    return DEMO_STAFF;
  });
}

/** The id of one of the demo accounts above. */
export async function demoStaffId(db: Kysely<Database>, email: string): Promise<string> {
  return (await db.selectFrom('app_user').select('id').where('email', '=', email).executeTakeFirstOrThrow()).id;
}
