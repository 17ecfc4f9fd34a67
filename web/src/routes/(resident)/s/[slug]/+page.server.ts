import type { PublicCampaign } from '@lagesbild/shared';
import { api, orNotFound } from '$lib/server/api';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ fetch, params, locals, url }) => ({
  campaign: await orNotFound(() =>
    api<PublicCampaign>(fetch, `/api/public/campaigns/${encodeURIComponent(params.slug)}?locale=${locals.locale}`),
  ),
  kiosk: url.searchParams.has('kiosk'),
});
