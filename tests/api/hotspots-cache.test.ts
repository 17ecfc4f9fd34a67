import { describe, expect, it } from 'vitest';
import { X0, Y0, createHotspotWorld, insertPoints, row } from '../support/hotspot-world';
import { useWorld } from '../support/use-world';

/** The hot-spot answer cache: hits for equal requests, misses after any change of the data, gzip. */

const w = useWorld(() => createHotspotWorld());

describe('caching', () => {
  it('serves the second identical request from the cache, equivalent filters too, and new data invalidates it', async () => {
    const query = '/api/hotspots?cellSize=125&sources=survey,municipality';
    const first = await w.get(query);
    expect(first.headers['x-lagesbild-cache']).toBe('miss');
    const second = await w.get(query);
    expect(second.headers['x-lagesbild-cache']).toBe('hit');
    expect(second.body).toBe(first.body);
    const reordered = await w.get('/api/hotspots?sources=municipality&sources=survey&cellSize=125');
    expect(reordered.headers['x-lagesbild-cache']).toBe('hit');
    // Each viewer class has its own entry (police-only records are left out of the other).
    expect((await w.get(query, w.police)).headers['x-lagesbild-cache']).toBe('miss');

    await insertPoints(w.t, [row({ x: X0 + 999, y: Y0 + 999, source: 'survey', category: 'lighting', time: 0 }, w.collab.id)]);
    const after = await w.get(query);
    expect(after.headers['x-lagesbild-cache']).toBe('miss');
    expect(after.json().meta.points).toBe(first.json().meta.points + 1);
    expect(Number(after.json().meta.dataVersion)).toBeGreaterThan(Number(first.json().meta.dataVersion));
    expect((await w.get(query)).headers['x-lagesbild-cache']).toBe('hit');
  });

  it('also invalidates on deletes and on area changes', async () => {
    const query = '/api/hotspots?cellSize=200';
    await w.get(query);
    expect((await w.get(query)).headers['x-lagesbild-cache']).toBe('hit');
    await w.t.app.db
      .updateTable('area')
      .set({ name: 'Staden' })
      .where('collaboration_id', '=', w.collab.id)
      .where('kind', '=', 'boundary')
      .execute();
    expect((await w.get(query)).headers['x-lagesbild-cache']).toBe('miss');
    await w.t.app.db
      .deleteFrom('point')
      .where('collaboration_id', '=', w.collab.id)
      .where('x', '=', X0 + 999)
      .execute();
    expect((await w.get(query)).headers['x-lagesbild-cache']).toBe('miss');
  });

  it('gzips big answers for clients that take gzip', async () => {
    const res = await w.t.app.inject({
      method: 'GET',
      url: '/api/hotspots?cellSize=50&cells=all',
      headers: { cookie: w.municipal, 'accept-encoding': 'gzip' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-encoding']).toBe('gzip');
    const { gunzipSync } = await import('node:zlib');
    expect(JSON.parse(gunzipSync(res.rawPayload).toString()).type).toBe('FeatureCollection');
  });
});
