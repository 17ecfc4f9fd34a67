import {
  roles,
  type LiftedLoginThrottle,
  type LoginThrottleList,
  type OneTimeLink,
  type UserList,
  type UserSummary,
} from '@lagesbild/shared';
import { error, fail } from '@sveltejs/kit';
import { api } from '$lib/server/api';
import { attempt } from '$lib/server/attempt';
import { raw } from '$lib/server/form';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ fetch, parent }) => {
  const { user } = await parent();
  if (user.role !== 'admin') error(403, 'Only admins manage users.');
  const [list, throttles] = await Promise.all([
    api<UserList>(fetch, '/api/users'),
    api<LoginThrottleList>(fetch, '/api/users/login-throttles'),
  ]);
  return { list, throttles: throttles.throttles };
};

export const actions: Actions = {
  invite: async ({ request, fetch }) => {
    const form = await request.formData();
    const body = {
      email: raw(form, 'email'),
      displayName: raw(form, 'displayName'),
      role: raw(form, 'role'),
      agencyId: raw(form, 'agencyId'),
    };
    if (!roles.includes(body.role as never)) return fail(400, { message: 'Choose a role.' });
    const result = await attempt(() => api<OneTimeLink>(fetch, '/api/users', { method: 'POST', body }));
    return result.ok ? { link: result.value } : result.failure;
  },
  role: async ({ request, fetch }) => {
    const form = await request.formData();
    const id = raw(form, 'id');
    const result = await attempt(() =>
      api<UserSummary>(fetch, `/api/users/${encodeURIComponent(id)}`, { method: 'PATCH', body: { role: raw(form, 'role') } }),
    );
    return result.ok ? { updated: result.value.id } : result.failure;
  },
  status: async ({ request, fetch }) => {
    const form = await request.formData();
    const id = raw(form, 'id');
    const result = await attempt(() =>
      api<UserSummary>(fetch, `/api/users/${encodeURIComponent(id)}`, { method: 'PATCH', body: { status: raw(form, 'status') } }),
    );
    return result.ok ? { updated: result.value.id } : result.failure;
  },
  reset: async ({ request, fetch }) => {
    const form = await request.formData();
    const id = raw(form, 'id');
    const result = await attempt(() =>
      api<OneTimeLink>(fetch, `/api/users/${encodeURIComponent(id)}/reset-link`, { method: 'POST', body: {} }),
    );
    return result.ok ? { link: result.value } : result.failure;
  },
  lift: async ({ request, fetch }) => {
    const form = await request.formData();
    const id = raw(form, 'id');
    const result = await attempt(() =>
      api<LiftedLoginThrottle>(fetch, `/api/users/${encodeURIComponent(id)}/login-throttle`, { method: 'DELETE', body: {} }),
    );
    return result.ok ? { lifted: result.value.userId } : result.failure;
  },
};
