import type { MeetingList, MeetingSummary } from '@lagesbild/shared';
import { fail, redirect } from '@sveltejs/kit';
import { ApiError, api } from '$lib/server/api';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ fetch }) => ({ list: await api<MeetingList>(fetch, '/api/dialogues') });

const text = (form: FormData, name: string) => String(form.get(name) ?? '').trim();

export const actions: Actions = {
  create: async ({ request, fetch }) => {
    const form = await request.formData();
    const values = {
      heldOn: text(form, 'heldOn'),
      place: text(form, 'place'),
      areaId: text(form, 'areaId'),
      audience: text(form, 'audience'),
      present: text(form, 'present'),
      notes: text(form, 'notes'),
    };
    const body = {
      heldOn: values.heldOn,
      place: values.place,
      audience: values.audience,
      present: Number(values.present),
      ...(values.areaId ? { areaId: values.areaId } : {}),
      ...(values.notes ? { notes: values.notes } : {}),
    };
    let meeting: MeetingSummary;
    try {
      meeting = await api<MeetingSummary>(fetch, '/api/dialogues', { method: 'POST', body });
    } catch (e) {
      if (e instanceof ApiError) return fail(e.status, { message: e.body.message, values });
      throw e;
    }
    redirect(303, `/staff/dialogues/${meeting.id}`);
  },
};
