import type { PublicPledges } from '@lagesbild/shared';
import { api, orNotFound } from '$lib/server/api';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ fetch, params, locals }) => ({
  data: await orNotFound(() =>
    api<PublicPledges>(fetch, `/api/public/collaborations/${encodeURIComponent(params.collaboration)}/pledges?locale=${locals.locale}`),
  ),
});
