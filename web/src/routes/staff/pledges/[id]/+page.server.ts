import type { AreaList, Pledge, PledgeHotspots, Snapshot, SnapshotSummary, SurveyFollowUp } from '@lagesbild/shared';
import { error, fail, redirect } from '@sveltejs/kit';
import { ApiError, api } from '$lib/server/api';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ fetch, params, locals }) => {
  const base = `/api/pledges/${encodeURIComponent(params.id)}`;
  let pledge: Pledge;
  try {
    pledge = await api<Pledge>(fetch, `${base}?locale=${locals.locale}`);
  } catch (e) {
    if (e instanceof ApiError && (e.status === 404 || e.status === 400)) error(404, e.body.message);
    throw e;
  }
  const draft = pledge.status === 'draft';
  const [results, areas, snapshots, hotspots, snapshot] = await Promise.all([
    api<SurveyFollowUp>(fetch, `${base}/results?locale=${locals.locale}`),
    api<AreaList>(fetch, '/api/areas'),
    api<SnapshotSummary[]>(fetch, '/api/snapshots'),
    // Only a draft's activities are edited, so only a draft needs the cells to point them at.
    draft ? api<PledgeHotspots>(fetch, `${base}/hotspots`) : Promise.resolve(undefined),
    draft && pledge.snapshot ? api<Snapshot>(fetch, `/api/snapshots/${pledge.snapshot.id}?locale=${locals.locale}`) : Promise.resolve(undefined),
  ]);
  return {
    pledge,
    results,
    areas: areas.areas.filter((a) => a.kind !== 'boundary'),
    snapshots,
    hotspots,
    snapshotProblems: snapshot?.picture.problems ?? [],
  };
};

const text = (form: FormData, name: string) => String(form.get(name) ?? '').trim();
const lines = (value: string) =>
  value
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);

/** One API call for a form action; on failure the API's message goes back to the form named `form`. */
async function attempt<T>(form: string, call: () => Promise<T>, values: Record<string, unknown> = {}) {
  try {
    return { ok: true as const, value: await call() };
  } catch (e) {
    if (e instanceof ApiError) return { ok: false as const, failure: fail(e.status, { form, message: e.body.message, values }) };
    throw e;
  }
}

function activityBody(form: FormData) {
  return {
    problemCategory: text(form, 'problemCategory') || null,
    what: text(form, 'what'),
    who: { kind: text(form, 'whoKind') || 'municipality', name: text(form, 'whoName') },
    where: { areaIds: form.getAll('areaIds').map(String), cellIds: form.getAll('cellIds').map(String), places: lines(text(form, 'places')) },
    when: text(form, 'when'),
    indicator: text(form, 'indicator'),
    target: text(form, 'target'),
    followUpOn: text(form, 'followUpOn') || null,
  };
}

export const actions: Actions = {
  save: async ({ request, fetch, params }) => {
    const form = await request.formData();
    const others = lines(text(form, 'others')).map((line) => {
      const [name = '', signatory = ''] = line.split('/').map((part) => part.trim());
      return { name, signatory };
    });
    const body = {
      title: text(form, 'title'),
      parties: {
        municipality: { name: text(form, 'municipalityName'), signatory: text(form, 'municipalitySignatory') },
        police: { name: text(form, 'policeName'), signatory: text(form, 'policeSignatory') },
        others,
      },
      background: String(form.get('background') ?? ''),
      categories: form.getAll('categories').map(String),
    };
    const result = await attempt('draft', () => api(fetch, `/api/pledges/${encodeURIComponent(params.id)}`, { method: 'PATCH', body }));
    return result.ok ? { form: 'draft', saved: true } : result.failure;
  },
  delete: async ({ fetch, params }) => {
    const result = await attempt('draft', () => api(fetch, `/api/pledges/${encodeURIComponent(params.id)}`, { method: 'DELETE', body: {} }));
    if (!result.ok) return result.failure;
    redirect(303, '/staff/pledges');
  },
  addActivity: async ({ request, fetch, params }) => {
    const form = await request.formData();
    const body = activityBody(form);
    const result = await attempt('activity-new', () => api(fetch, `/api/pledges/${encodeURIComponent(params.id)}/activities`, { method: 'POST', body }), body);
    return result.ok ? { form: 'activity-new', saved: true } : result.failure;
  },
  updateActivity: async ({ request, fetch, params }) => {
    const form = await request.formData();
    const id = text(form, 'activity');
    const body = activityBody(form);
    const result = await attempt(`activity-${id}`, () =>
      api(fetch, `/api/pledges/${encodeURIComponent(params.id)}/activities/${encodeURIComponent(id)}`, { method: 'PATCH', body }),
    );
    return result.ok ? { form: `activity-${id}`, saved: true } : result.failure;
  },
  deleteActivity: async ({ request, fetch, params }) => {
    const form = await request.formData();
    const id = text(form, 'activity');
    const result = await attempt(`activity-${id}`, () =>
      api(fetch, `/api/pledges/${encodeURIComponent(params.id)}/activities/${encodeURIComponent(id)}`, { method: 'DELETE', body: {} }),
    );
    return result.ok ? { form: `activity-${id}`, saved: true } : result.failure;
  },
  status: async ({ request, fetch, params }) => {
    const form = await request.formData();
    const status = text(form, 'status');
    const date = text(form, 'date');
    const result = await attempt('status', () =>
      api(fetch, `/api/pledges/${encodeURIComponent(params.id)}/status`, { method: 'POST', body: { status, ...(status === 'signed' && date ? { date } : {}) } }),
    );
    return result.ok ? { form: 'status', saved: true } : result.failure;
  },
  revise: async ({ request, fetch, params }) => {
    const form = await request.formData();
    const year = Number(text(form, 'year'));
    const snapshotId = text(form, 'snapshotId');
    const result = await attempt('revise', () =>
      api<Pledge>(fetch, `/api/pledges/${encodeURIComponent(params.id)}/revise`, { method: 'POST', body: { ...(year ? { year } : {}), ...(snapshotId ? { snapshotId } : {}) } }),
    );
    if (!result.ok) return result.failure;
    redirect(303, `/staff/pledges/${result.value.id}`);
  },
  followUp: async ({ request, fetch, params }) => {
    const form = await request.formData();
    const id = text(form, 'activity');
    const body = { on: text(form, 'on'), status: text(form, 'status'), note: text(form, 'note') };
    const result = await attempt(`followup-${id}`, () =>
      api(fetch, `/api/pledges/${encodeURIComponent(params.id)}/activities/${encodeURIComponent(id)}/updates`, { method: 'POST', body }),
    );
    return result.ok ? { form: `followup-${id}`, saved: true } : result.failure;
  },
};
