import type { CampaignList, CampaignSummary } from '@lagesbild/shared';
import { fail } from '@sveltejs/kit';
import { api, orNotFound } from '$lib/server/api';
import { attempt } from '$lib/server/attempt';
import { bodyOf, valuesOf, type CampaignFormValues } from '../campaign-form';
import { daysFromPeriod } from '../period';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ fetch, params, parent }) => {
  const { user } = await parent();
  const [campaign, list] = await orNotFound(() =>
    Promise.all([
      api<CampaignSummary>(fetch, `/api/campaigns/${encodeURIComponent(params.id)}`),
      api<CampaignList>(fetch, '/api/campaigns'),
    ]),
  );
  const days = daysFromPeriod(campaign.opensAt, campaign.closesAt);
  const values: CampaignFormValues = {
    titleSv: campaign.title.sv,
    titleEn: campaign.title.en ?? '',
    slug: campaign.slug,
    surveyVersionId: campaign.survey.versionId,
    areaId: campaign.area?.id ?? '',
    audience: campaign.audience,
    ...days,
  };
  return { campaign, choices: list.choices, values, canEdit: user.role !== 'official' };
};

export const actions: Actions = {
  save: async ({ request, fetch, params }) => {
    const values = valuesOf(await request.formData());
    const body = bodyOf(values);
    if ('path' in body) return fail(400, { message: body.message, details: [body], values });
    const result = await attempt(
      () => api<CampaignSummary>(fetch, `/api/campaigns/${encodeURIComponent(params.id)}`, { method: 'PATCH', body }),
      { values },
    );
    return result.ok ? { saved: true } : result.failure;
  },
};
