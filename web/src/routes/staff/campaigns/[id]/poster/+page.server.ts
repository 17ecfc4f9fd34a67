import type { CampaignSummary } from '@lagesbild/shared';
import { api, orNotFound } from '$lib/server/api';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ fetch, params, parent }) => {
  const { user } = await parent();
  const campaign = await orNotFound(() => api<CampaignSummary>(fetch, `/api/campaigns/${encodeURIComponent(params.id)}`));
  return { campaign, collaboration: user.collaboration.name };
};
