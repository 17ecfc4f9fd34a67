import type { PledgeList, SnapshotSummary } from '@lagesbild/shared';
import { api } from '$lib/server/api';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ fetch }) => {
  const [list, snapshots] = await Promise.all([api<PledgeList>(fetch, '/api/pledges'), api<SnapshotSummary[]>(fetch, '/api/snapshots')]);
  return { pledges: list.pledges, snapshots };
};
