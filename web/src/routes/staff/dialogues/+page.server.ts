import type { MeetingList, MeetingSummary } from '@lagesbild/shared';
import { redirect } from '@sveltejs/kit';
import { api } from '$lib/server/api';
import { attempt } from '$lib/server/attempt';
import { texts } from '$lib/server/form';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ fetch }) => ({ list: await api<MeetingList>(fetch, '/api/dialogues') });

export const actions: Actions = {
  create: async ({ request, fetch }) => {
    const form = await request.formData();
    const values = texts(form, ['heldOn', 'place', 'areaId', 'audience', 'present', 'notes']);
    const body = {
      heldOn: values.heldOn,
      place: values.place,
      audience: values.audience,
      present: Number(values.present),
      ...(values.areaId ? { areaId: values.areaId } : {}),
      ...(values.notes ? { notes: values.notes } : {}),
    };
    const result = await attempt(() => api<MeetingSummary>(fetch, '/api/dialogues', { method: 'POST', body }), { values });
    if (!result.ok) return result.failure;
    redirect(303, `/staff/dialogues/${result.value.id}`);
  },
};
