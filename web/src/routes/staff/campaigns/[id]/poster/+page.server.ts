import type { CampaignSummary } from '@lagesbild/shared';
import { error } from '@sveltejs/kit';
import { ApiError, api } from '$lib/server/api';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ fetch, params, parent }) => {
  const { user } = await parent();
  try {
    const campaign = await api<CampaignSummary>(fetch, `/api/campaigns/${encodeURIComponent(params.id)}`);
    return { campaign, collaboration: user.collaboration.name };
  } catch (e) {
    if (e instanceof ApiError && (e.status === 404 || e.status === 400)) error(404, e.body.message);
    throw e;
  }
};
