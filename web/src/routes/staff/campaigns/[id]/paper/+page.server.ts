import { randomUUID } from 'node:crypto';
import type { CampaignSummary, PublicCampaign } from '@lagesbild/shared';
import { error, fail } from '@sveltejs/kit';
import { api, orNotFound } from '$lib/server/api';
import { attempt } from '$lib/server/attempt';
import type { Actions, PageServerLoad } from './$types';
import { entriesOf, paperBody } from './paper-form';

type Fetch = typeof fetch;

const paperLocale = (value: string | null) => (value === 'en' ? 'en' : 'sv');

async function questionnaire(fetch: Fetch, id: string, locale: string) {
  const campaign = await api<CampaignSummary>(fetch, `/api/campaigns/${encodeURIComponent(id)}`);
  const survey = await api<PublicCampaign>(fetch, `/api/public/campaigns/${encodeURIComponent(campaign.slug)}?locale=${locale}`);
  return { campaign, survey };
}

export const load: PageServerLoad = async ({ fetch, params, parent, url }) => {
  const { user } = await parent();
  if (user.role === 'official') error(403, 'Only coordinators and admins type in paper questionnaires.');
  const locale = paperLocale(url.searchParams.get('lang'));
  // A fresh key per blank form: a double click sends the same key and is stored once.
  return { ...(await orNotFound(() => questionnaire(fetch, params.id, locale))), paperLocale: locale, key: randomUUID() };
};

export const actions: Actions = {
  save: async ({ request, fetch, params }) => {
    const values = entriesOf(await request.formData());
    const key = values.key?.[0] ?? '';
    const locale = paperLocale(values.locale?.[0] ?? null);
    const { survey } = await questionnaire(fetch, params.id, locale);
    const body = paperBody(survey, values, locale);
    if ('path' in body) return fail(400, { message: `${body.path.replace('body.', '')}: ${body.message}`, details: [body], values, key });
    const result = await attempt(
      () =>
        api<{ id: string }>(fetch, `/api/campaigns/${encodeURIComponent(params.id)}/paper-responses`, {
          method: 'POST',
          body,
          headers: { 'idempotency-key': key },
        }),
      { values, key },
    );
    return result.ok ? { stored: result.value.id } : result.failure;
  },
};
