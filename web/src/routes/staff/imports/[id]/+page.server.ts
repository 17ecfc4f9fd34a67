import type { ImportResult } from '@lagesbild/shared';
import { error } from '@sveltejs/kit';
import { ApiError, api } from '$lib/server/api';
import { attempt } from '$lib/server/attempt';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ fetch, params, parent }) => {
  const { user } = await parent();
  if (user.role === 'official') error(403, 'Only coordinators and admins import data.');
  try {
    return { result: await api<ImportResult>(fetch, `/api/imports/${encodeURIComponent(params.id)}`) };
  } catch (e) {
    if (e instanceof ApiError && (e.status === 404 || e.status === 400)) error(404, 'No such import.');
    throw e;
  }
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
