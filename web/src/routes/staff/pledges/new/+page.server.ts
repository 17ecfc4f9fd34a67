import type { Pledge, Snapshot, SnapshotSummary } from '@lagesbild/shared';
import { error, fail, redirect } from '@sveltejs/kit';
import { ApiError, api } from '$lib/server/api';
import type { Actions, PageServerLoad } from './$types';

/** Step 1 (the list page) picks the snapshot into the URL; here its problems are chosen. */
export const load: PageServerLoad = async ({ fetch, url, locals }) => {
  const id = url.searchParams.get('snapshot');
  const snapshots = await api<SnapshotSummary[]>(fetch, '/api/snapshots');
  if (!id) return { snapshots, snapshot: undefined };
  try {
    return { snapshots, snapshot: await api<Snapshot>(fetch, `/api/snapshots/${encodeURIComponent(id)}?locale=${locals.locale}`) };
  } catch (e) {
    if (e instanceof ApiError && (e.status === 404 || e.status === 400)) error(404, e.body.message);
    throw e;
  }
};

export const actions: Actions = {
  create: async ({ request, fetch, url }) => {
    const form = await request.formData();
    const categories = form.getAll('categories').map(String);
    const values = { year: String(form.get('year') ?? ''), title: String(form.get('title') ?? '').trim(), categories };
    let pledge: Pledge;
    try {
      pledge = await api<Pledge>(fetch, '/api/pledges', {
        method: 'POST',
        body: {
          snapshotId: url.searchParams.get('snapshot') ?? '',
          year: Number(values.year),
          categories,
          ...(values.title ? { title: values.title } : {}),
        },
      });
    } catch (e) {
      if (e instanceof ApiError) return fail(e.status, { message: e.body.message, values });
      throw e;
    }
    redirect(303, `/staff/pledges/${pledge.id}`);
  },
};
