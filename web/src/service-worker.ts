/// <reference types="@sveltejs/kit" />
/// <reference no-default-lib="true"/>
/// <reference lib="esnext" />
/// <reference lib="webworker" />
import { build, files, version } from '$service-worker';

/**
 * Offline for residents only: the app's own files are cached at install, and resident survey
 * pages and their public campaign data are kept from the last visit (network first, cache when
 * offline). Staff pages (but a safety walk's, below) and every authenticated API answer are never cached.
 */
const worker = self as unknown as ServiceWorkerGlobalScope;
const CACHE = `lagesbild-${version}`;
const ASSETS = new Set([...build, ...files]);

function keptForOffline(url: URL): boolean {
  return url.pathname.startsWith('/s/') || url.pathname.startsWith('/api/public/campaigns/') || url.pathname === '/';
}

worker.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll([...ASSETS]))
      .then(() => worker.skipWaiting()),
  );
});

worker.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((key) => key !== CACHE).map((key) => caches.delete(key))))
      .then(() => worker.clients.claim()),
  );
});

/**
 * A safety walk's page is the one staff page kept for offline use: a phone on a walk may reload
 * the tab without a network, and the stops waiting in IndexedDB must still be shown and sent.
 * Only a walk page the signed-in user loaded is kept (never a redirect to the login page), in a
 * cache of its own that logging out empties.
 */
const WALK_PAGES = 'lagesbild-walk-pages';
const WALK_PAGE = /^\/staff\/walks\/[0-9a-f-]{36}$/;

worker.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method === 'POST' && url.origin === worker.location.origin && url.pathname === '/logout') {
    event.waitUntil(caches.delete(WALK_PAGES));
    return;
  }
  if (request.method !== 'GET') return;
  if (url.origin !== worker.location.origin) return;
  if (WALK_PAGE.test(url.pathname)) {
    event.respondWith(
      (async () => {
        const cache = await caches.open(WALK_PAGES);
        try {
          const response = await fetch(request);
          if (response.ok && !response.redirected && response.type === 'basic') await cache.put(request, response.clone());
          return response;
        } catch (error) {
          const hit = await cache.match(request, { ignoreSearch: true });
          if (hit) return hit;
          throw error;
        }
      })(),
    );
    return;
  }

  if (ASSETS.has(url.pathname)) {
    event.respondWith(caches.match(request).then((hit) => hit ?? fetch(request)));
    return;
  }
  if (!keptForOffline(url)) return;
  event.respondWith(
    (async () => {
      const cache = await caches.open(CACHE);
      try {
        const response = await fetch(request);
        if (response.ok && response.type === 'basic') await cache.put(request, response.clone());
        return response;
      } catch (error) {
        const hit = await cache.match(request, { ignoreSearch: url.pathname.startsWith('/s/') && !url.search });
        if (hit) return hit;
        throw error;
      }
    })(),
  );
});
