import { fail } from '@sveltejs/kit';
import { ApiError, api } from '$lib/server/api';
import type { Actions } from './$types';

export const actions: Actions = {
  default: async ({ request, fetch, params }) => {
    const form = await request.formData();
    const password = String(form.get('password') ?? '');
    try {
      await api(fetch, '/api/auth/accept', { method: 'POST', body: { token: params.token, password } });
      return { done: true };
    } catch (e) {
      if (e instanceof ApiError) return fail(e.status, { message: e.body.details?.[0]?.message ?? e.body.message });
      throw e;
    }
  },
};
