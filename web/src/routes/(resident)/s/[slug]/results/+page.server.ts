import type { PublicResults } from '@lagesbild/shared';
import { error } from '@sveltejs/kit';
import { ApiError, api } from '$lib/server/api';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ fetch, params, locals }) => {
  try {
    return {
      results: await api<PublicResults>(fetch, `/api/public/campaigns/${encodeURIComponent(params.slug)}/results?locale=${locals.locale}`),
    };
  } catch (e) {
    if (e instanceof ApiError && (e.status === 404 || e.status === 400)) error(404, e.body.message);
    throw e;
  }
};
