import { fail, redirect } from '@sveltejs/kit';
import { raw, text } from '$lib/server/form';
import type { Actions, PageServerLoad } from './$types';

function safeNext(next: string | null): string {
  // Only local paths: an open redirect after login is a phishing tool.
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/staff';
}

export const load: PageServerLoad = ({ cookies, url }) => {
  if (cookies.get('lb_session')) {
    // Already signed in? Go on; the staff layout sends us back here if the session is gone.
    const next = url.searchParams.get('next');
    if (!url.searchParams.has('expired')) redirect(303, safeNext(next));
  }
  return {};
};

export const actions: Actions = {
  default: async ({ request, fetch, cookies, url }) => {
    const form = await request.formData();
    const email = text(form, 'email');
    const password = raw(form, 'password');
    if (!email || !password) return fail(400, { email, problem: 'failed' as const });
    const response = await fetch('/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password }),
    });
    if (response.status === 429) return fail(429, { email, problem: 'limited' as const });
    if (!response.ok) return fail(response.status === 400 ? 400 : 401, { email, problem: 'failed' as const });
    const token = /(?:^|,\s*)lb_session=([^;]+)/.exec(response.headers.get('set-cookie') ?? '')?.[1];
    if (!token) return fail(500, { email, problem: 'failed' as const });
    cookies.set('lb_session', token, {
      path: '/',
      httpOnly: true,
      sameSite: 'lax',
      secure: url.protocol === 'https:',
      maxAge: 12 * 60 * 60,
    });
    redirect(303, safeNext(url.searchParams.get('next')));
  },
};
