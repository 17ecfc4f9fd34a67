import type { Handle, HandleFetch } from '@sveltejs/kit';
import { env } from '$env/dynamic/private';
import { isLocale, locales, negotiateLocale } from '@lagesbild/shared';

export const handle: Handle = async ({ event, resolve }) => {
  const chosen = event.cookies.get('lang');
  event.locals.locale = isLocale(chosen) ? chosen : negotiateLocale(event.request.headers.get('accept-language'));
  const response = await resolve(event, {
    transformPageChunk: ({ html }) => html.replace('%lang%', `${event.locals.locale}" dir="${locales[event.locals.locale].dir}`),
  });
  response.headers.set('X-Content-Type-Options', 'nosniff');
  response.headers.set('Referrer-Policy', 'strict-origin-when-cross-origin');
  response.headers.set('Permissions-Policy', 'geolocation=(self), camera=(self), microphone=()');
  allowMapStyle(response);
  return response;
};

/**
 * With MAP_STYLE_URL on another origin, the map fetches its style, tiles and fonts there: add
 * that origin (only it) to the page's connect-src and img-src.
 */
function allowMapStyle(response: Response): void {
  const style = env.MAP_STYLE_URL?.trim();
  const csp = response.headers.get('content-security-policy');
  if (!style || !csp || !/^https?:\/\//.test(style)) return;
  const origin = new URL(style).origin;
  response.headers.set('content-security-policy', csp.replace(/(connect-src|img-src)([^;]*)/g, `$1$2 ${origin}`));
}

/**
 * Server-side loads call the API in the same process over loopback (LAGESBILD_API_URL, set by
 * web-handler.ts) instead of through whatever proxy stands in front, passing the caller's cookie
 * on, and the caller's address with the token that lets the API believe it (its rate limits).
 */
export const handleFetch: HandleFetch = async ({ event, request, fetch }) => {
  const url = new URL(request.url);
  const internal = env.LAGESBILD_API_URL;
  if (internal && url.origin === event.url.origin && url.pathname.startsWith('/api/')) {
    const target = new URL(url.pathname + url.search, internal);
    const headers = new Headers(request.headers);
    const cookie = event.request.headers.get('cookie');
    if (cookie) headers.set('cookie', cookie);
    // The page's own public origin (ORIGIN in production), which the API's CSRF check accepts.
    headers.set('origin', event.url.origin);
    headers.set('host', target.host);
    const token = env.LAGESBILD_INTERNAL_TOKEN;
    if (token) {
      headers.set('x-lagesbild-client', event.getClientAddress());
      headers.set('x-lagesbild-internal', token);
    }
    const body = request.method === 'GET' || request.method === 'HEAD' ? undefined : await request.arrayBuffer();
    return fetch(new Request(target, { method: request.method, headers, body, redirect: 'manual' }));
  }
  return fetch(request);
};
