import type { WalkDetail } from '@lagesbild/shared';
import { error, fail } from '@sveltejs/kit';
import { ApiError, api } from '$lib/server/api';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ fetch, params }) => {
  try {
    return { detail: await api<WalkDetail>(fetch, `/api/walks/${encodeURIComponent(params.id)}`) };
  } catch (e) {
    if (e instanceof ApiError && (e.status === 404 || e.status === 400)) error(404, e.body.message);
    throw e;
  }
};

/** Runs one API call for a form action; the API's message comes back to the form. */
async function attempt(call: () => Promise<unknown>) {
  try {
    await call();
    return { done: true };
  } catch (e) {
    if (e instanceof ApiError) return fail(e.status, { message: e.body.message });
    throw e;
  }
}

export const actions: Actions = {
  status: async ({ request, fetch, params }) => {
    const form = await request.formData();
    const status = String(form.get('status') ?? '');
    return attempt(() => api(fetch, `/api/walks/${encodeURIComponent(params.id)}`, { method: 'PATCH', body: { status } }));
  },
  decide: async ({ request, fetch, params }) => {
    const form = await request.formData();
    const stop = String(form.get('stop') ?? '');
    const actionStatus = String(form.get('actionStatus') ?? '');
    return attempt(() =>
      api(fetch, `/api/walks/${encodeURIComponent(params.id)}/stops/${encodeURIComponent(stop)}`, {
        method: 'PATCH',
        body: { actionStatus },
      }),
    );
  },
  deleteStop: async ({ request, fetch, params }) => {
    const form = await request.formData();
    const stop = String(form.get('stop') ?? '');
    return attempt(() =>
      api(fetch, `/api/walks/${encodeURIComponent(params.id)}/stops/${encodeURIComponent(stop)}`, { method: 'DELETE', body: {} }),
    );
  },
};
