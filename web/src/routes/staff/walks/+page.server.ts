import type { WalkList, WalkSummary } from '@lagesbild/shared';
import { redirect } from '@sveltejs/kit';
import { api } from '$lib/server/api';
import { attempt } from '$lib/server/attempt';
import { lines, texts } from '$lib/server/form';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ fetch }) => ({ list: await api<WalkList>(fetch, '/api/walks') });

export const actions: Actions = {
  create: async ({ request, fetch }) => {
    const form = await request.formData();
    const values = texts(form, ['title', 'walkedOn', 'light', 'areaId', 'routeDescription', 'participants', 'partners']);
    const body = {
      title: values.title,
      walkedOn: values.walkedOn,
      light: values.light,
      participants: Number(values.participants),
      ...(values.areaId ? { areaId: values.areaId } : {}),
      ...(values.routeDescription ? { routeDescription: values.routeDescription } : {}),
      partners: lines(values.partners),
    };
    const result = await attempt(() => api<WalkSummary>(fetch, '/api/walks', { method: 'POST', body }), { values });
    if (!result.ok) return result.failure;
    redirect(303, `/staff/walks/${result.value.id}`);
  },
};
