import { isLocale } from '@lagesbild/shared';
import { error, redirect } from '@sveltejs/kit';
import type { RequestHandler } from './$types';

/** Switches language without JavaScript: a plain form POST, then back to the page it came from. */
export const POST: RequestHandler = async ({ request, cookies, url }) => {
  const form = await request.formData();
  const lang = form.get('lang');
  if (!isLocale(lang)) error(400, 'unknown language');
  cookies.set('lang', lang, {
    path: '/',
    maxAge: 60 * 60 * 24 * 365,
    httpOnly: false,
    sameSite: 'lax',
    secure: url.protocol === 'https:',
  });
  const referer = request.headers.get('referer');
  const back = referer ? new URL(referer) : undefined;
  redirect(303, back && back.origin === url.origin ? back.pathname + back.search : '/');
};
