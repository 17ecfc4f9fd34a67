import type { PublicCampaign } from '@lagesbild/shared';
import { error } from '@sveltejs/kit';
import { ApiError, api } from '$lib/server/api';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ fetch, params, locals, url }) => {
  try {
    const campaign = await api<PublicCampaign>(fetch, `/api/public/campaigns/${encodeURIComponent(params.slug)}?locale=${locals.locale}`);
    return { campaign, kiosk: url.searchParams.has('kiosk') };
  } catch (e) {
    if (e instanceof ApiError && (e.status === 404 || e.status === 400)) error(404, e.body.message);
    throw e;
  }
};
