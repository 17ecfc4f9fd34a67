import {
  moderationStatuses,
  type CampaignList,
  type FlaggedList,
  type ModerationItem,
  type ModerationQueue,
  type ModerationStatus,
  type ResponseDecisionResult,
} from '@lagesbild/shared';
import { error } from '@sveltejs/kit';
import { api } from '$lib/server/api';
import { attempt } from '$lib/server/attempt';
import { raw } from '$lib/server/form';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ fetch, parent, url }) => {
  const { user } = await parent();
  if (user.role === 'official') error(403, 'Moderation is for coordinators and admins.');
  // Raw resident text: the staff layout already marks every staff page no-store.
  const view = url.searchParams.get('view') === 'flagged' ? 'flagged' : 'texts';
  const requested = url.searchParams.get('status') ?? 'pending';
  const status: ModerationStatus = (moderationStatuses as readonly string[]).includes(requested)
    ? (requested as ModerationStatus)
    : 'pending';
  const requestedCampaign = url.searchParams.get('campaign') ?? '';
  const campaignId = /^[0-9a-f-]{36}$/.test(requestedCampaign) ? requestedCampaign : undefined;
  const filter = campaignId ? `&campaignId=${campaignId}` : '';
  const [queue, campaigns, flagged] = await Promise.all([
    api<ModerationQueue>(fetch, `/api/moderation/texts?status=${view === 'texts' ? status : 'pending'}${filter}`),
    api<CampaignList>(fetch, '/api/campaigns'),
    view === 'flagged' ? api<FlaggedList>(fetch, `/api/moderation/responses${campaignId ? `?campaignId=${campaignId}` : ''}`) : undefined,
  ]);
  return {
    view,
    status,
    campaignId,
    queue,
    flagged,
    campaigns: campaigns.campaigns.map((c) => ({ id: c.id, title: c.title })),
  };
};

async function decideText(fetch: typeof globalThis.fetch, request: Request, decision: 'approve' | 'redact' | 'reject') {
  const form = await request.formData();
  const id = raw(form, 'id');
  const body = decision === 'redact' ? { decision, redacted: raw(form, 'redacted') } : { decision };
  const result = await attempt(
    () => api<ModerationItem>(fetch, `/api/moderation/texts/${encodeURIComponent(id)}/decision`, { method: 'POST', body }),
    { target: id },
  );
  return result.ok ? { decided: id, decision } : result.failure;
}

async function decideResponse(fetch: typeof globalThis.fetch, request: Request, decision: 'accept' | 'discard') {
  const id = raw(await request.formData(), 'id');
  const result = await attempt(
    () =>
      api<ResponseDecisionResult>(fetch, `/api/moderation/responses/${encodeURIComponent(id)}/decision`, {
        method: 'POST',
        body: { decision },
      }),
    { target: id },
  );
  return result.ok ? { decided: id, decision, pointsCreated: result.value.pointsCreated } : result.failure;
}

export const actions: Actions = {
  approve: ({ request, fetch }) => decideText(fetch, request, 'approve'),
  redact: ({ request, fetch }) => decideText(fetch, request, 'redact'),
  reject: ({ request, fetch }) => decideText(fetch, request, 'reject'),
  accept: ({ request, fetch }) => decideResponse(fetch, request, 'accept'),
  discard: ({ request, fetch }) => decideResponse(fetch, request, 'discard'),
};
