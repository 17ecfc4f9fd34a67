import type { WalkList, WalkSummary } from '@lagesbild/shared';
import { fail, redirect } from '@sveltejs/kit';
import { ApiError, api } from '$lib/server/api';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ fetch }) => ({ list: await api<WalkList>(fetch, '/api/walks') });

const text = (form: FormData, name: string) => String(form.get(name) ?? '').trim();

export const actions: Actions = {
  create: async ({ request, fetch }) => {
    const form = await request.formData();
    const values = {
      title: text(form, 'title'),
      walkedOn: text(form, 'walkedOn'),
      light: text(form, 'light'),
      areaId: text(form, 'areaId'),
      routeDescription: text(form, 'routeDescription'),
      participants: text(form, 'participants'),
      partners: text(form, 'partners'),
    };
    const body = {
      title: values.title,
      walkedOn: values.walkedOn,
      light: values.light,
      participants: Number(values.participants),
      ...(values.areaId ? { areaId: values.areaId } : {}),
      ...(values.routeDescription ? { routeDescription: values.routeDescription } : {}),
      partners: values.partners
        .split(/\r?\n/)
        .map((p) => p.trim())
        .filter(Boolean),
    };
    let walk: WalkSummary;
    try {
      walk = await api<WalkSummary>(fetch, '/api/walks', { method: 'POST', body });
    } catch (e) {
      if (e instanceof ApiError) return fail(e.status, { message: e.body.message, values });
      throw e;
    }
    redirect(303, `/staff/walks/${walk.id}`);
  },
};
