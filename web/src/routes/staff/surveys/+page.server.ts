import type { CampaignList, SurveyDetail, SurveyList } from '@lagesbild/shared';
import { fail, redirect } from '@sveltejs/kit';
import { api } from '$lib/server/api';
import { attempt } from '$lib/server/attempt';
import { raw, text } from '$lib/server/form';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ fetch, parent }) => {
  const { user } = await parent();
  const [surveys, campaigns] = await Promise.all([api<SurveyList>(fetch, '/api/surveys'), api<CampaignList>(fetch, '/api/campaigns')]);
  return { surveys, campaigns, canEdit: user.role !== 'official' };
};

export const actions: Actions = {
  create: async ({ request, fetch }) => {
    const form = await request.formData();
    const name = text(form, 'name');
    const from = form.has('from') ? raw(form, 'from') : 'standard';
    if (!name) return fail(400, { message: '', details: [{ path: 'body.name', message: 'required' }] });
    const result = await attempt(() => api<SurveyDetail>(fetch, '/api/surveys', { method: 'POST', body: { name, from } }));
    if (!result.ok) return result.failure;
    redirect(303, `/staff/surveys/${result.value.id}`);
  },
};
