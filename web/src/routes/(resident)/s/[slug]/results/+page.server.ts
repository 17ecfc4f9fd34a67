import type { PublicResults } from '@lagesbild/shared';
import { api, orNotFound } from '$lib/server/api';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ fetch, params, locals }) => ({
  results: await orNotFound(() =>
    api<PublicResults>(fetch, `/api/public/campaigns/${encodeURIComponent(params.slug)}/results?locale=${locals.locale}`),
  ),
});
