import { setTimeout as sleep } from 'node:timers/promises';
import type { LRUCache } from 'lru-cache';
import { describe, expect, it } from 'vitest';
import type { Job, JobResult } from './hotspot-compute';
import { hotspotCaches, type AnswerContext, type CachedAnswer } from './hotspot-engine-plugin';
import type { CollaborationData } from './hotspot-repository';

/** Fake engine parts that count their calls; each job answers after a few milliseconds. */
function counting() {
  const runs: Job[] = [];
  const loads: string[] = [];
  const run = async (job: Job): Promise<JobResult> => {
    runs.push(job);
    await sleep(5);
    return { body: `answer ${runs.length}`, gzip: undefined, items: runs.length };
  };
  const load = async (collaborationId: string): Promise<CollaborationData> => {
    loads.push(collaborationId);
    await sleep(5);
    return { version: String(loads.length), columns: { length: 3 }, areas: [] } as unknown as CollaborationData;
  };
  return { runs, loads, caches: hotspotCaches(run, load) };
}

const job = { kind: 'hotspots' } as Job;

describe('hotspotCaches', () => {
  it('computes an answer once for concurrent requests, and says which joined or hit', async () => {
    const { runs, caches } = counting();
    const statuses: LRUCache.Status<string, CachedAnswer, AnswerContext>[] = [{}, {}, {}];
    const fetch = (status: (typeof statuses)[number] | undefined) => caches.answers.forceFetch('k', { context: { job }, status });
    const [a, b] = await Promise.all([fetch(statuses[0]), fetch(statuses[1])]);
    expect(runs).toHaveLength(1);
    expect(b).toBe(a);
    expect(a.body).toBe('answer 1');
    expect((await fetch(statuses[2])).body).toBe('answer 1');
    expect(statuses.map((s) => s.fetch)).toEqual(['miss', 'inflight', 'hit']);
  });

  it('loads a collaboration once for concurrent requests and keeps no failed load', async () => {
    const { loads, caches } = counting();
    const [a, b] = await Promise.all([
      caches.data.forceFetch('c1|7', { context: 'c1' }),
      caches.data.forceFetch('c1|7', { context: 'c1' }),
    ]);
    expect(b).toBe(a);
    expect(loads).toEqual(['c1']);

    const failing = hotspotCaches(
      () => Promise.reject(new RangeError('grid too large')),
      () => Promise.reject(new Error('database gone')),
    );
    await expect(failing.data.forceFetch('c1|7', { context: 'c1' })).rejects.toThrow('database gone');
    await expect(failing.answers.forceFetch('k', { context: { job } })).rejects.toThrow(RangeError);
    expect(failing.data.has('c1|7')).toBe(false);
    expect(failing.answers.has('k')).toBe(false);
  });

  it('still answers the requests waiting on a load that was cleared, without keeping it', async () => {
    const { runs, caches } = counting();
    const pending = caches.answers.forceFetch('k', { context: { job } });
    caches.answers.clear();
    expect((await pending).body).toBe('answer 1');
    expect((await caches.answers.forceFetch('k', { context: { job } })).body).toBe('answer 2');
    expect(runs).toHaveLength(2);
  });
});
