import type { CategoryMappingList, CategoryMappingResult } from '@lagesbild/shared';
import { error } from '@sveltejs/kit';
import { api } from '$lib/server/api';
import { attempt } from '$lib/server/attempt';
import { raw } from '$lib/server/form';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ fetch, parent }) => {
  const { user } = await parent();
  if (user.role === 'official') error(403, 'Only coordinators and admins map import types.');
  const [list, collaboration] = await Promise.all([
    api<CategoryMappingList>(fetch, '/api/imports/mappings'),
    Promise.resolve(user.collaboration),
  ]);
  return { mappings: list.mappings, collaboration };
};

export const actions: Actions = {
  map: async ({ request, fetch }) => {
    const form = await request.formData();
    const body = {
      source: raw(form, 'source'),
      externalType: raw(form, 'externalType'),
      category: raw(form, 'category'),
    };
    const result = await attempt(() => api<CategoryMappingResult>(fetch, '/api/imports/mappings', { method: 'PUT', body }));
    if (!result.ok) return result.failure;
    return { saved: result.value };
  },
};
