import type {
  AreaList,
  Pledge,
  PledgeHotspots,
  Snapshot,
  SnapshotSummary,
  SurveyFollowUp,
  WalkAction,
  WalkActionList,
} from '@lagesbild/shared';
import { redirect } from '@sveltejs/kit';
import { ApiError, api, orNotFound } from '$lib/server/api';
import { attempt } from '$lib/server/attempt';
import { all, lines, raw, text } from '$lib/server/form';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ fetch, params, locals, url }) => {
  const base = `/api/pledges/${encodeURIComponent(params.id)}`;
  const pledge = await orNotFound(() => api<Pledge>(fetch, `${base}?locale=${locals.locale}`));
  const draft = pledge.status === 'draft';
  const [results, areas, snapshots, hotspots, snapshot, walkActions] = await Promise.all([
    api<SurveyFollowUp>(fetch, `${base}/results?locale=${locals.locale}`),
    api<AreaList>(fetch, '/api/areas'),
    api<SnapshotSummary[]>(fetch, '/api/snapshots'),
    // Only a draft's activities are edited, so only a draft needs the cells to point them at.
    draft ? api<PledgeHotspots>(fetch, `${base}/hotspots`) : Promise.resolve(undefined),
    draft && pledge.snapshot
      ? api<Snapshot>(fetch, `/api/snapshots/${pledge.snapshot.id}?locale=${locals.locale}`)
      : Promise.resolve(undefined),
    // Open actions suggested on safety walks, to take up as activities of the draft.
    draft ? api<WalkActionList>(fetch, '/api/walks/actions').then((list) => list.actions) : Promise.resolve([]),
  ]);
  const fromStop = url.searchParams.get('fromStop');
  const taken = walkActions.find((a) => a.stopClientId === fromStop);
  return {
    pledge,
    results,
    areas: areas.areas.filter((a) => a.kind !== 'boundary'),
    snapshots,
    hotspots,
    snapshotProblems: snapshot?.picture.problems ?? [],
    walkActions,
    fromWalk: taken ? { action: taken, values: activityFromWalk(taken, pledge) } : undefined,
  };
};

/** A new activity's fields filled in from a walk's suggested action; the official completes the rest. */
function activityFromWalk(action: WalkAction, pledge: Pledge) {
  const chosen = new Set(pledge.problems.map((p) => p.category));
  return {
    problemCategory: action.categories.find((c) => chosen.has(c)) ?? pledge.problems[0]?.category ?? null,
    what: action.text,
    // Property owners and others are "other" responsible parties in a pledge.
    who: { kind: action.owner === 'municipality' || action.owner === 'police' ? action.owner : 'other', name: action.ownerName ?? '' },
    where: { areaIds: action.areaId ? [action.areaId] : [], cellIds: [], places: [`${action.walkTitle} (${action.walkedOn})`] },
    when: '',
    indicator: '',
    target: '',
    followUpOn: null,
  };
}

/**
 * The page has one form per card and activity: a failure names the form it belongs to, so the
 * page shows the API's message beside that form only.
 */
const attemptFor = <T>(form: string, call: () => Promise<T>, values: Record<string, unknown> = {}) => attempt(call, { form, values });

function activityBody(form: FormData) {
  return {
    problemCategory: text(form, 'problemCategory') || null,
    what: text(form, 'what'),
    who: { kind: text(form, 'whoKind') || 'municipality', name: text(form, 'whoName') },
    where: {
      areaIds: all(form, 'areaIds'),
      cellIds: all(form, 'cellIds'),
      places: lines(text(form, 'places')),
    },
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
      background: raw(form, 'background'),
      categories: all(form, 'categories'),
    };
    const result = await attemptFor('draft', () => api(fetch, `/api/pledges/${encodeURIComponent(params.id)}`, { method: 'PATCH', body }));
    return result.ok ? { form: 'draft', saved: true } : result.failure;
  },
  delete: async ({ fetch, params }) => {
    const result = await attemptFor('draft', () =>
      api(fetch, `/api/pledges/${encodeURIComponent(params.id)}`, { method: 'DELETE', body: {} }),
    );
    if (!result.ok) return result.failure;
    redirect(303, '/staff/pledges');
  },
  addActivity: async ({ request, fetch, params }) => {
    const form = await request.formData();
    const body = activityBody(form);
    const result = await attemptFor(
      'activity-new',
      () => api(fetch, `/api/pledges/${encodeURIComponent(params.id)}/activities`, { method: 'POST', body }),
      body,
    );
    if (!result.ok) return result.failure;
    const walkId = text(form, 'walkId');
    const stopClientId = text(form, 'stopClientId');
    if (walkId && stopClientId) {
      // Taken up in the pledge: the walk's action is adopted. Only coordinators decide on walk
      // actions; for anyone else the action stays open for a coordinator to close.
      await api(fetch, `/api/walks/${encodeURIComponent(walkId)}/stops/${encodeURIComponent(stopClientId)}`, {
        method: 'PATCH',
        body: { actionStatus: 'adopted' },
      }).catch((e: unknown) => {
        if (!(e instanceof ApiError && e.status === 403)) throw e;
      });
    }
    return { form: 'activity-new', saved: true };
  },
  updateActivity: async ({ request, fetch, params }) => {
    const form = await request.formData();
    const id = text(form, 'activity');
    const body = activityBody(form);
    const result = await attemptFor(`activity-${id}`, () =>
      api(fetch, `/api/pledges/${encodeURIComponent(params.id)}/activities/${encodeURIComponent(id)}`, { method: 'PATCH', body }),
    );
    return result.ok ? { form: `activity-${id}`, saved: true } : result.failure;
  },
  deleteActivity: async ({ request, fetch, params }) => {
    const form = await request.formData();
    const id = text(form, 'activity');
    const result = await attemptFor(`activity-${id}`, () =>
      api(fetch, `/api/pledges/${encodeURIComponent(params.id)}/activities/${encodeURIComponent(id)}`, { method: 'DELETE', body: {} }),
    );
    return result.ok ? { form: `activity-${id}`, saved: true } : result.failure;
  },
  status: async ({ request, fetch, params }) => {
    const form = await request.formData();
    const status = text(form, 'status');
    const date = text(form, 'date');
    const result = await attemptFor('status', () =>
      api(fetch, `/api/pledges/${encodeURIComponent(params.id)}/status`, {
        method: 'POST',
        body: { status, ...(status === 'signed' && date ? { date } : {}) },
      }),
    );
    return result.ok ? { form: 'status', saved: true } : result.failure;
  },
  revise: async ({ request, fetch, params }) => {
    const form = await request.formData();
    const year = Number(text(form, 'year'));
    const snapshotId = text(form, 'snapshotId');
    const result = await attemptFor('revise', () =>
      api<Pledge>(fetch, `/api/pledges/${encodeURIComponent(params.id)}/revise`, {
        method: 'POST',
        body: { ...(year ? { year } : {}), ...(snapshotId ? { snapshotId } : {}) },
      }),
    );
    if (!result.ok) return result.failure;
    redirect(303, `/staff/pledges/${result.value.id}`);
  },
  followUp: async ({ request, fetch, params }) => {
    const form = await request.formData();
    const id = text(form, 'activity');
    const body = { on: text(form, 'on'), status: text(form, 'status'), note: text(form, 'note') };
    const result = await attemptFor(`followup-${id}`, () =>
      api(fetch, `/api/pledges/${encodeURIComponent(params.id)}/activities/${encodeURIComponent(id)}/updates`, { method: 'POST', body }),
    );
    return result.ok ? { form: `followup-${id}`, saved: true } : result.failure;
  },
};
