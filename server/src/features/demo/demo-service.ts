import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { saveSnapshot } from '../problem-picture/snapshot-service';
import { DEMO_COORDINATOR_EMAIL, demoStaffId, seedDemoStaff, type DemoStaffMember } from './demo-staff';
import { seedDemo, type SeedDemoResult } from './seed-demo';
import { seedDemoCampaign } from './seed-demo-campaign';
import { seedDemoPledges } from './seed-demo-pledges';
import { seedDemoWalk } from './seed-demo-walk';

/**
 * Everything the first start on an empty database shows: two years of generated data ending
 * `today` (so "last 30 days" and trends have something to show), the staff accounts, the
 * survey campaigns, a saved lägesbild, last period's and next year's pledges, and a walk.
 */
export async function seedFullDemo(db: Kysely<Database>, today: Date): Promise<SeedDemoResult & { staff: DemoStaffMember[] }> {
  const seeded = await seedDemo(db, { until: today });
  const staff = await seedDemoStaff(db, seeded.collaborationId);
  await seedDemoCampaign(db, seeded.collaborationId, today);
  const coordinatorId = await demoStaffId(db, DEMO_COORDINATOR_EMAIL);
  await saveSnapshot(db, { userId: coordinatorId, collaborationId: seeded.collaborationId }, { title: 'Lägesbild inför medborgarlöftet' });
  await seedDemoPledges(db, seeded.collaborationId, today);
  await seedDemoWalk(db, seeded.collaborationId, coordinatorId, today);
  return { ...seeded, staff };
}
