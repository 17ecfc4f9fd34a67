import fp from 'fastify-plugin';
import { LRUCache, type Perf } from 'lru-cache';
import { loadCampaignContext, type CampaignContext } from './campaign-context';

declare module 'fastify' {
  interface FastifyInstance {
    /**
     * A campaign's questions, area and places, as submissions need them on every request.
     * They change rarely; ten seconds is the longest another instance can act on a stale copy
     * (e.g. still take answers just after closing). Changes made here call `delete(slug)`.
     */
    campaignContexts: { get(slug: string): Promise<CampaignContext>; delete(slug: string): void; clear(): void };
  }
}

/**
 * Up to 200 campaigns for ten seconds each. Concurrent gets of one slug share one load; a failed
 * load (e.g. an unknown slug) is not kept. A load still under way when its slug is deleted answers
 * the requests waiting on it but is not kept (`ignoreFetchAbort`). Tests pass a fake `clock`.
 */
export function campaignContextCache(load: (slug: string) => Promise<CampaignContext>, clock?: Perf) {
  return new LRUCache<string, CampaignContext>({
    max: 200,
    ttl: 10_000,
    ignoreFetchAbort: true,
    fetchMethod: (slug) => load(slug),
    ...(clock && { perf: clock }),
  });
}

export const campaignContextPlugin = fp(
  async (app) => {
    const cache = campaignContextCache((slug) => loadCampaignContext(app.db, slug));
    app.decorate('campaignContexts', {
      get: (slug: string) => cache.forceFetch(slug),
      delete: (slug: string) => void cache.delete(slug),
      clear: () => cache.clear(),
    });
  },
  { name: 'campaign-contexts', dependencies: ['database'] },
);
