import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as limits from '../../server/src/features/rate-limits/rate-limit-service';
import { createTestApp, type TestApp } from '../support/test-app';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t.close());

describe('BatchedRateCounter', () => {
  it('counts a quiet client exactly, hit by hit', async () => {
    const counter = new limits.BatchedRateCounter(t.app.db, 60);
    try {
      const hits = [];
      for (let i = 0; i < 5; i++) hits.push((await counter.hit('quiet')).hits);
      expect(hits).toEqual([1, 2, 3, 4, 5]);
    } finally {
      await counter.close();
    }
    // Closing writes what was only counted in memory.
    expect((await limits.peek(t.app.db, 'quiet', 60))?.hits).toBe(5);
  });

  it('shares counts between instances through the database', async () => {
    const first = new limits.BatchedRateCounter(t.app.db, 60, 0);
    const second = new limits.BatchedRateCounter(t.app.db, 60, 0);
    try {
      for (let i = 0; i < 20; i++) await first.hit('shared');
      // With no batching delay each hit syncs, so the second instance sees the first one's 20.
      expect((await second.hit('shared')).hits).toBe(21);
    } finally {
      await Promise.all([first.close(), second.close()]);
    }
    expect((await limits.peek(t.app.db, 'shared', 60))?.hits).toBe(21);
  });

  it('under a burst writes once for the lot, decides on its own count, and loses no hit', async () => {
    const burst = new limits.BatchedRateCounter(t.app.db, 60, 60_000);
    try {
      const results = await Promise.all(Array.from({ length: 100 }, () => burst.hit('burst')));
      expect(Math.max(...results.map((r) => r.hits))).toBe(100);
      expect(results.every((r) => r.resetAt.getTime() > Date.now())).toBe(true);
      // Only the first hit waited for the database; the other 99 are still in memory.
      expect((await limits.peek(t.app.db, 'burst', 60))?.hits).toBe(1);
    } finally {
      await burst.close();
    }
    expect((await limits.peek(t.app.db, 'burst', 60))?.hits).toBe(100);
  });
});
