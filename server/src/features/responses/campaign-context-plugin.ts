import fp from 'fastify-plugin';
import { TtlCache } from '../../lib/ttl-cache';
import { loadCampaignContext, type CampaignContext } from './response-service';

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

export const campaignContextPlugin = fp(
  async (app) => {
    const cache = new TtlCache<string, CampaignContext>(10_000, 200);
    app.decorate('campaignContexts', {
      get: (slug: string) => cache.get(slug, () => loadCampaignContext(app.db, slug)),
      delete: (slug: string) => cache.delete(slug),
      clear: () => cache.clear(),
    });
  },
  { name: 'campaign-contexts', dependencies: ['database'] },
);
