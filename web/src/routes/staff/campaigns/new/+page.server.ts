import type { CampaignList, CampaignSummary } from '@lagesbild/shared';
import { error, fail, redirect } from '@sveltejs/kit';
import { api } from '$lib/server/api';
import { attempt } from '$lib/server/attempt';
import { bodyOf, valuesOf, type CampaignFormValues } from '../campaign-form';
import { dayOf } from '../period';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ fetch, parent, url }) => {
  const { user } = await parent();
  if (user.role === 'official') error(403, 'Only coordinators and admins create campaigns.');
  const list = await api<CampaignList>(fetch, '/api/campaigns');
  const today = new Date();
  const values: CampaignFormValues = {
    titleSv: '',
    titleEn: '',
    slug: '',
    surveyVersionId: url.searchParams.get('version') ?? list.choices.surveyVersions[0]?.id ?? '',
    areaId: '',
    audience: 'residents',
    from: dayOf(today),
    through: dayOf(new Date(today.getTime() + 30 * 86_400_000)),
  };
  return { choices: list.choices, values };
};

export const actions: Actions = {
  save: async ({ request, fetch }) => {
    const values = valuesOf(await request.formData());
    const body = bodyOf(values);
    if ('path' in body) return fail(400, { message: body.message, details: [body], values });
    const result = await attempt(() => api<CampaignSummary>(fetch, '/api/campaigns', { method: 'POST', body }), { values });
    if (!result.ok) return result.failure;
    redirect(303, `/staff/campaigns/${result.value.id}?created`);
  },
};
