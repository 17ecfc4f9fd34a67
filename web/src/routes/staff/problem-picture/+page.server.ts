import type { AreaList, ProblemPicture, SafetyIndex, SnapshotSummary } from '@lagesbild/shared';
import { fail } from '@sveltejs/kit';
import { ApiError, api } from '$lib/server/api';
import { attempt } from '$lib/server/attempt';
import { text } from '$lib/server/form';
import type { Actions, PageServerLoad } from './$types';

/** The filters live in the URL (a GET form), so a picture can be bookmarked and shared. */
function filters(url: URL): URLSearchParams {
  const query = new URLSearchParams();
  for (const key of ['from', 'to', 'areaId']) {
    const value = url.searchParams.get(key);
    if (value) query.set(key, value);
  }
  return query;
}

export const load: PageServerLoad = async ({ fetch, url, locals }) => {
  const query = filters(url);
  query.set('locale', locals.locale);
  const areaId = url.searchParams.get('areaId');
  const breakdown = url.searchParams.get('breakdown') === 'age_band' ? 'age_band' : 'gender';
  try {
    const [picture, index, areas, snapshots] = await Promise.all([
      api<ProblemPicture>(fetch, `/api/problem-picture?${query}`),
      api<SafetyIndex>(
        fetch,
        `/api/problem-picture/safety-index?breakdown=${breakdown}${areaId ? `&areaId=${encodeURIComponent(areaId)}` : ''}`,
      ),
      api<AreaList>(fetch, '/api/areas'),
      api<SnapshotSummary[]>(fetch, '/api/snapshots'),
    ]);
    return { picture, index, areas: areas.areas.filter((a) => a.kind !== 'boundary'), snapshots, problem: undefined as string | undefined };
  } catch (e) {
    if (e instanceof ApiError && e.status < 500) {
      return { picture: undefined, index: undefined, areas: [], snapshots: [], problem: e.body.message };
    }
    throw e;
  }
};

export const actions: Actions = {
  snapshot: async ({ request, fetch, url }) => {
    const form = await request.formData();
    const title = text(form, 'title');
    if (!title) return fail(400, { message: 'Ge lägesbilden ett namn.' });
    const query = filters(url);
    const result = await attempt(() =>
      api<SnapshotSummary>(fetch, '/api/snapshots', { method: 'POST', body: { title, ...Object.fromEntries(query) } }),
    );
    return result.ok ? { saved: result.value.id } : result.failure;
  },
};
