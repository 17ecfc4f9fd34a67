import { redirect } from '@sveltejs/kit';
import type { RequestHandler } from './$types';

/** A plain form POST (works without JavaScript): ends the session in the API, then home. */
export const POST: RequestHandler = async ({ fetch, cookies }) => {
  await fetch('/api/auth/logout', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
  cookies.delete('lb_session', { path: '/' });
  redirect(303, '/');
};
