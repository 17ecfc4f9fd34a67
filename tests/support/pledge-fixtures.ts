import type { FastifyInstance } from 'fastify';
import { addActivity } from '../../server/src/features/pledges/pledge-activity-service';
import { createPledge } from '../../server/src/features/pledges/pledge-draft-service';
import { changeStatus } from '../../server/src/features/pledges/pledge-lifecycle-service';
import { saveSnapshot } from '../../server/src/features/problem-picture/snapshot-service';
import type { TestCollaboration } from './fixtures';

/** Ids of one collaboration's pledge records, for samples that need real ones (authorization matrix). */
export interface PledgeFixtures {
  snapshot: string;
  pledge: string;
  activity: string;
  activityToDelete: string;
  signedPledge: string;
  signedActivity: string;
  pledgeToDelete: string;
}

const activity = { problemCategory: 'drugs' as const, what: 'Trygghetsrundor', who: { kind: 'police' as const, name: '' } };

/** A snapshot, a draft with two activities (one to delete), a signed pledge with an activity, and a draft to delete. */
export async function createPledgeFixtures(
  app: FastifyInstance,
  collaboration: TestCollaboration,
  userId: string,
): Promise<PledgeFixtures> {
  const actor = { userId, collaborationId: collaboration.id };
  const snapshot = await saveSnapshot(app.db, actor, { title: 'Matrisens lägesbild', from: '2026-01-01', to: '2026-06-30' });
  const make = async () => {
    const pledge = await createPledge(app.db, actor, { snapshotId: snapshot.id, year: 2027, categories: ['drugs'] }, 'sv');
    const added = await addActivity(app.db, actor, pledge.id, activity);
    return { pledge: pledge.id, activity: added.id };
  };
  const draft = await make();
  const activityToDelete = (await addActivity(app.db, actor, draft.pledge, activity)).id;
  const signed = await make();
  await changeStatus(app.db, actor, signed.pledge, { status: 'agreed' }, 'sv');
  await changeStatus(app.db, actor, signed.pledge, { status: 'signed' }, 'sv');
  const toDelete = await make();
  return {
    snapshot: snapshot.id,
    pledge: draft.pledge,
    activity: draft.activity,
    activityToDelete,
    signedPledge: signed.pledge,
    signedActivity: signed.activity,
    pledgeToDelete: toDelete.pledge,
  };
}
