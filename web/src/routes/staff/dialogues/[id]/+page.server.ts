import type { MeetingDetail } from '@lagesbild/shared';
import { error, fail, redirect } from '@sveltejs/kit';
import { ApiError, api } from '$lib/server/api';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ fetch, params }) => {
  try {
    return { detail: await api<MeetingDetail>(fetch, `/api/dialogues/${encodeURIComponent(params.id)}`) };
  } catch (e) {
    if (e instanceof ApiError && (e.status === 404 || e.status === 400)) error(404, e.body.message);
    throw e;
  }
};

const text = (form: FormData, name: string) => String(form.get(name) ?? '').trim();

/** Runs one API call for a form action; the API's message (and what was typed) comes back to the form. */
async function attempt(call: () => Promise<unknown>, values: Record<string, string> = {}) {
  try {
    await call();
    return { done: true };
  } catch (e) {
    if (e instanceof ApiError) return fail(e.status, { message: e.body.message, values });
    throw e;
  }
}

export const actions: Actions = {
  addConcern: async ({ request, fetch, params }) => {
    const form = await request.formData();
    const values = {
      text: text(form, 'text'),
      category: text(form, 'category'),
      mentions: text(form, 'mentions'),
      areaId: text(form, 'areaId'),
      lat: text(form, 'lat'),
      lon: text(form, 'lon'),
    };
    const body = {
      text: values.text,
      category: values.category,
      mentions: Number(values.mentions || '1'),
      ...(values.areaId ? { areaId: values.areaId } : {}),
      ...(values.lat && values.lon ? { lat: Number(values.lat), lon: Number(values.lon) } : {}),
    };
    return attempt(() => api(fetch, `/api/dialogues/${encodeURIComponent(params.id)}/concerns`, { method: 'POST', body }), values);
  },
  mentions: async ({ request, fetch, params }) => {
    const form = await request.formData();
    const concern = text(form, 'concern');
    const mentions = Number(text(form, 'mentions'));
    return attempt(() =>
      api(fetch, `/api/dialogues/${encodeURIComponent(params.id)}/concerns/${encodeURIComponent(concern)}`, {
        method: 'PATCH',
        body: { mentions },
      }),
    );
  },
  deleteConcern: async ({ request, fetch, params }) => {
    const form = await request.formData();
    const concern = text(form, 'concern');
    return attempt(() =>
      api(fetch, `/api/dialogues/${encodeURIComponent(params.id)}/concerns/${encodeURIComponent(concern)}`, { method: 'DELETE', body: {} }),
    );
  },
  deleteMeeting: async ({ fetch, params }) => {
    const result = await attempt(() => api(fetch, `/api/dialogues/${encodeURIComponent(params.id)}`, { method: 'DELETE', body: {} }));
    if ('done' in result) redirect(303, '/staff/dialogues');
    return result;
  },
};
