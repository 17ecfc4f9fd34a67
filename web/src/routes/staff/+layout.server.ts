import type { CurrentUser } from '@lagesbild/shared';
import { redirect } from '@sveltejs/kit';
import { ApiError, api } from '$lib/server/api';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = async ({ fetch, url, setHeaders }) => {
  setHeaders({ 'cache-control': 'no-store' });
  try {
    const user = await api<CurrentUser>(fetch, '/api/auth/me');
    return { user };
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      redirect(303, `/login?expired&next=${encodeURIComponent(url.pathname + url.search)}`);
    }
    throw error;
  }
};
