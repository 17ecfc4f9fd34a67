import { fail } from '@sveltejs/kit';
import { api } from '$lib/server/api';
import { attempt } from '$lib/server/attempt';
import { raw } from '$lib/server/form';
import type { Actions } from './$types';

export const actions: Actions = {
  default: async ({ request, fetch, params }) => {
    const password = raw(await request.formData(), 'password');
    const result = await attempt(() => api(fetch, '/api/auth/accept', { method: 'POST', body: { token: params.token, password } }));
    if (result.ok) return { done: true };
    // The password rule the API names (its first field detail) says more than its summary.
    const { status, data } = result.failure;
    return fail(status, { message: data.details[0]?.message ?? data.message });
  },
};
