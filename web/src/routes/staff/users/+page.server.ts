import { roles, type OneTimeLink, type UserList, type UserSummary } from '@lagesbild/shared';
import { error, fail } from '@sveltejs/kit';
import { ApiError, api } from '$lib/server/api';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ fetch, parent }) => {
  const { user } = await parent();
  if (user.role !== 'admin') error(403, 'Only admins manage users.');
  return { list: await api<UserList>(fetch, '/api/users') };
};

/** Runs one API call for a form action; the API's message comes back to the form. */
async function attempt<T>(call: () => Promise<T>) {
  try {
    return { ok: true as const, value: await call() };
  } catch (e) {
    if (e instanceof ApiError) return { ok: false as const, failure: fail(e.status, { message: e.body.message }) };
    throw e;
  }
}

export const actions: Actions = {
  invite: async ({ request, fetch }) => {
    const form = await request.formData();
    const body = {
      email: String(form.get('email') ?? ''),
      displayName: String(form.get('displayName') ?? ''),
      role: String(form.get('role') ?? ''),
      agencyId: String(form.get('agencyId') ?? ''),
    };
    if (!roles.includes(body.role as never)) return fail(400, { message: 'Choose a role.' });
    const result = await attempt(() => api<OneTimeLink>(fetch, '/api/users', { method: 'POST', body }));
    return result.ok ? { link: result.value } : result.failure;
  },
  role: async ({ request, fetch }) => {
    const form = await request.formData();
    const id = String(form.get('id') ?? '');
    const result = await attempt(() =>
      api<UserSummary>(fetch, `/api/users/${encodeURIComponent(id)}`, { method: 'PATCH', body: { role: String(form.get('role') ?? '') } }),
    );
    return result.ok ? { updated: result.value.id } : result.failure;
  },
  status: async ({ request, fetch }) => {
    const form = await request.formData();
    const id = String(form.get('id') ?? '');
    const result = await attempt(() =>
      api<UserSummary>(fetch, `/api/users/${encodeURIComponent(id)}`, {
        method: 'PATCH',
        body: { status: String(form.get('status') ?? '') },
      }),
    );
    return result.ok ? { updated: result.value.id } : result.failure;
  },
  reset: async ({ request, fetch }) => {
    const form = await request.formData();
    const id = String(form.get('id') ?? '');
    const result = await attempt(() =>
      api<OneTimeLink>(fetch, `/api/users/${encodeURIComponent(id)}/reset-link`, { method: 'POST', body: {} }),
    );
    return result.ok ? { link: result.value } : result.failure;
  },
};
