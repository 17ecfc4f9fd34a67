import type { MeetingDetail } from '@lagesbild/shared';
import { redirect } from '@sveltejs/kit';
import { api, orNotFound } from '$lib/server/api';
import { attempt } from '$lib/server/attempt';
import { text, texts } from '$lib/server/form';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ fetch, params }) => ({
  detail: await orNotFound(() => api<MeetingDetail>(fetch, `/api/dialogues/${encodeURIComponent(params.id)}`)),
});

export const actions: Actions = {
  addConcern: async ({ request, fetch, params }) => {
    const form = await request.formData();
    const values = texts(form, ['text', 'category', 'mentions', 'areaId', 'lat', 'lon']);
    const body = {
      text: values.text,
      category: values.category,
      mentions: Number(values.mentions || '1'),
      ...(values.areaId ? { areaId: values.areaId } : {}),
      ...(values.lat && values.lon ? { lat: Number(values.lat), lon: Number(values.lon) } : {}),
    };
    // What was typed goes back to the form when the API refuses it.
    const result = await attempt(() => api(fetch, `/api/dialogues/${encodeURIComponent(params.id)}/concerns`, { method: 'POST', body }), {
      values,
    });
    return result.ok ? { done: true } : result.failure;
  },
  mentions: async ({ request, fetch, params }) => {
    const form = await request.formData();
    const concern = text(form, 'concern');
    const mentions = Number(text(form, 'mentions'));
    const result = await attempt(() =>
      api(fetch, `/api/dialogues/${encodeURIComponent(params.id)}/concerns/${encodeURIComponent(concern)}`, {
        method: 'PATCH',
        body: { mentions },
      }),
    );
    return result.ok ? { done: true } : result.failure;
  },
  deleteConcern: async ({ request, fetch, params }) => {
    const concern = text(await request.formData(), 'concern');
    const result = await attempt(() =>
      api(fetch, `/api/dialogues/${encodeURIComponent(params.id)}/concerns/${encodeURIComponent(concern)}`, { method: 'DELETE', body: {} }),
    );
    return result.ok ? { done: true } : result.failure;
  },
  deleteMeeting: async ({ fetch, params }) => {
    const result = await attempt(() => api(fetch, `/api/dialogues/${encodeURIComponent(params.id)}`, { method: 'DELETE', body: {} }));
    if (!result.ok) return result.failure;
    redirect(303, '/staff/dialogues');
  },
};
