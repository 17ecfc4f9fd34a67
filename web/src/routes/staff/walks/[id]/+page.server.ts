import type { WalkDetail } from '@lagesbild/shared';
import { api, orNotFound } from '$lib/server/api';
import { attempt } from '$lib/server/attempt';
import { raw } from '$lib/server/form';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ fetch, params }) => ({
  detail: await orNotFound(() => api<WalkDetail>(fetch, `/api/walks/${encodeURIComponent(params.id)}`)),
});

export const actions: Actions = {
  status: async ({ request, fetch, params }) => {
    const status = raw(await request.formData(), 'status');
    const result = await attempt(() => api(fetch, `/api/walks/${encodeURIComponent(params.id)}`, { method: 'PATCH', body: { status } }));
    return result.ok ? { done: true } : result.failure;
  },
  decide: async ({ request, fetch, params }) => {
    const form = await request.formData();
    const stop = raw(form, 'stop');
    const actionStatus = raw(form, 'actionStatus');
    const result = await attempt(() =>
      api(fetch, `/api/walks/${encodeURIComponent(params.id)}/stops/${encodeURIComponent(stop)}`, {
        method: 'PATCH',
        body: { actionStatus },
      }),
    );
    return result.ok ? { done: true } : result.failure;
  },
  deleteStop: async ({ request, fetch, params }) => {
    const stop = raw(await request.formData(), 'stop');
    const result = await attempt(() =>
      api(fetch, `/api/walks/${encodeURIComponent(params.id)}/stops/${encodeURIComponent(stop)}`, { method: 'DELETE', body: {} }),
    );
    return result.ok ? { done: true } : result.failure;
  },
};
