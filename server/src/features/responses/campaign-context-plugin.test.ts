import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { campaignContextCache } from './campaign-context-plugin';
import type { CampaignContext } from './campaign-context';

/** A loader that counts its calls and answers each with a fresh context naming the slug and the call. */
function countingLoader() {
  const calls: string[] = [];
  const load = async (slug: string) => {
    calls.push(slug);
    await sleep(5);
    return { campaign: { slug, load: calls.length } } as unknown as CampaignContext;
  };
  return { calls, load };
}

const loadNumber = (context: CampaignContext) => (context.campaign as unknown as { load: number }).load;

describe('campaignContextCache', () => {
  it('loads a slug once for concurrent gets', async () => {
    const { calls, load } = countingLoader();
    const cache = campaignContextCache(load);
    const [a, b] = await Promise.all([cache.forceFetch('demo'), cache.forceFetch('demo')]);
    expect(calls).toEqual(['demo']);
    expect(b).toBe(a);
    await cache.forceFetch('other');
    expect(calls).toEqual(['demo', 'other']);
  });

  it('serves a context for ten seconds, then loads it again', async () => {
    const { calls, load } = countingLoader();
    let now = 1_000; // not 0: lru-cache reads a start time of 0 as none
    const cache = campaignContextCache(load, { now: () => now });
    expect(loadNumber(await cache.forceFetch('demo'))).toBe(1);
    now = 10_999;
    await sleep(2); // the cache reads its clock at most once a millisecond
    expect(loadNumber(await cache.forceFetch('demo'))).toBe(1);
    now = 11_001;
    await sleep(2);
    expect(loadNumber(await cache.forceFetch('demo'))).toBe(2);
    expect(calls).toHaveLength(2);
  });

  it('keeps no failed load, and a load deleted while under way still answers', async () => {
    let fail = true;
    const { calls, load } = countingLoader();
    const cache = campaignContextCache(async (slug) => {
      if (fail) throw new Error('no such campaign');
      return load(slug);
    });
    await expect(cache.forceFetch('demo')).rejects.toThrow('no such campaign');
    fail = false;
    const pending = cache.forceFetch('demo');
    cache.delete('demo');
    expect(loadNumber(await pending)).toBe(1);
    expect(loadNumber(await cache.forceFetch('demo'))).toBe(2);
    expect(calls).toEqual(['demo', 'demo']);
  });
});
