import type { Pledge, Snapshot, SnapshotSummary } from '@lagesbild/shared';
import { redirect } from '@sveltejs/kit';
import { api, orNotFound } from '$lib/server/api';
import { attempt } from '$lib/server/attempt';
import { all, raw, text } from '$lib/server/form';
import type { Actions, PageServerLoad } from './$types';

/** Step 1 (the list page) picks the snapshot into the URL; here its problems are chosen. */
export const load: PageServerLoad = async ({ fetch, url, locals }) => {
  const id = url.searchParams.get('snapshot');
  const snapshots = await api<SnapshotSummary[]>(fetch, '/api/snapshots');
  if (!id) return { snapshots, snapshot: undefined };
  return {
    snapshots,
    snapshot: await orNotFound(() => api<Snapshot>(fetch, `/api/snapshots/${encodeURIComponent(id)}?locale=${locals.locale}`)),
  };
};

export const actions: Actions = {
  create: async ({ request, fetch, url }) => {
    const form = await request.formData();
    const categories = all(form, 'categories');
    const values = { year: raw(form, 'year'), title: text(form, 'title'), categories };
    const result = await attempt(
      () =>
        api<Pledge>(fetch, '/api/pledges', {
          method: 'POST',
          body: {
            snapshotId: url.searchParams.get('snapshot') ?? '',
            year: Number(values.year),
            categories,
            ...(values.title ? { title: values.title } : {}),
          },
        }),
      { values },
    );
    if (!result.ok) return result.failure;
    redirect(303, `/staff/pledges/${result.value.id}`);
  },
};
