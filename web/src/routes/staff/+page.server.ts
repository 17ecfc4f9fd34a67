import type { Overview } from '@lagesbild/shared';
import { api } from '$lib/server/api';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ fetch }) => ({
  overview: await api<Overview>(fetch, '/api/overview'),
});
