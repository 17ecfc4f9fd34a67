import type { ImportResult } from '@lagesbild/shared';
import { error } from '@sveltejs/kit';
import { api, orNotFound } from '$lib/server/api';
import { attempt } from '$lib/server/attempt';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ fetch, params, parent }) => {
  const { user } = await parent();
  if (user.role === 'official') error(403, 'Only coordinators and admins import data.');
  return { result: await orNotFound(() => api<ImportResult>(fetch, `/api/imports/${encodeURIComponent(params.id)}`), 'No such import.') };
};

export const actions: Actions = {
  undo: async ({ fetch, params }) => {
    const result = await attempt(() =>
      api<ImportResult>(fetch, `/api/imports/${encodeURIComponent(params.id)}/undo`, { method: 'POST', body: {} }),
    );
    if (!result.ok) return result.failure;
    return { undone: true };
  },
};
