import { must, CompareCollection } from '@lagesbild/shared';
import { Value } from 'typebox/value';
import { describe, expect, it } from 'vitest';
import { createHotspotWorld, feature, insertPoints, reported, row, type Spec } from '../support/hotspot-world';
import { useWorld } from '../support/use-world';

/** GET /api/hotspots/compare: two disjoint periods on one grid, change tested where it can show. */

const w = useWorld(() => createHotspotWorld());
const JUNE_DECEMBER = 'from=2024-06-01&to=2024-06-30&compareFrom=2024-12-01&compareTo=2024-12-31';

describe('GET /api/hotspots/compare', () => {
  it('finds the neighbourhood whose records grew in the second period, on one grid for both periods', async () => {
    // A new problem in period B (December) in one cell: 40 walk reports, none in June.
    const grown = { x: 441_310, y: 6_339_610, cell: '100-4413-63396' };
    const inGrown = (s: Spec) => Math.floor(s.x / 100) === 4413 && Math.floor(s.y / 100) === 63396 && reported(s);
    await insertPoints(
      w.t,
      Array.from({ length: 40 }, (_, i) =>
        row(
          { x: grown.x + (i % 8) * 10, y: grown.y + Math.floor(i / 8) * 10, source: 'walk', category: 'lighting', time: 2 + (i % 2) },
          w.collab.id,
        ),
      ),
    );
    const res = await w.get(`/api/hotspots/compare?${JUNE_DECEMBER}&cellSize=100`, w.police);
    expect(res.statusCode, res.body).toBe(200);
    const fc = res.json<CompareCollection>();
    expect(Value.Errors(CompareCollection, fc)).toEqual([]);
    const cell = must(feature(fc, grown.cell), 'the grown cell');
    expect(cell.properties).toMatchObject({
      countA: w.expected((s) => inGrown(s) && [0, 1, 4].includes(s.time)),
      countB: w.expected((s) => inGrown(s) && [2, 3].includes(s.time)) + 40,
      change: 3,
    });
    expect(must(cell.properties.nearB, 'nearB') - must(cell.properties.nearA, 'nearA')).toBeGreaterThan(30);
    expect(cell.properties.pFdr).toBeLessThan(0.01);
    expect(fc.meta).toMatchObject({ cellSize: 100, defaults: { cellSize: false, band: true }, analysis: { kind: 'reported' } });
    expect(fc.meta.periodA).toMatchObject({ from: '2024-06-01', to: '2024-06-30' });
    expect(fc.meta.periodB.points).toBe(w.expected((s) => (s.time === 2 || s.time === 3) && reported(s)) + 40);
    // The grown place is found as a whole too.
    expect(fc.meta.places[0]).toMatchObject({ change: 3, area: null });
    const [place] = fc.meta.places;
    expect(must(place, 'the first place').countB - must(place, 'the first place').countA).toBeGreaterThan(30);
    // The uniform background does not change: rises only within the band of the grown cell.
    const [gx, gy] = [grown.x + 50, grown.y + 50];
    const risen = fc.features.filter((f) => f.properties.change > 0);
    for (const f of risen) {
      const [, col = NaN, rowIndex = NaN] = f.id.split('-').map(Number);
      expect(Math.hypot(col * 100 + 50 - gx, rowIndex * 100 + 50 - gy), f.id).toBeLessThanOrEqual(fc.meta.band + 200);
    }
    // Outside the police the statistics are computed without police-only records: p-values are given.
    const restricted = (await w.get(`/api/hotspots/compare?${JUNE_DECEMBER}&cellSize=100`)).json<CompareCollection>();
    expect(feature(restricted, grown.cell)?.properties).toMatchObject({ change: 3, pFdr: expect.any(Number) });
    await w.t.app.db.deleteFrom('point').where('collaboration_id', '=', w.collab.id).where('source', '=', 'walk').execute();
  });

  it('leaves out of the family the tests that could never be significant', async () => {
    // 50 m cells, 75 m band: most neighbourhoods hold a record or two, too few for any test.
    const fc = (await w.get(`/api/hotspots/compare?${JUNE_DECEMBER}&cellSize=50&band=75`, w.police)).json<CompareCollection>();
    const { neighbourhoods, places } = fc.meta.family;
    expect(neighbourhoods.tests).toBeLessThan(fc.meta.cellsInStudyArea / 2);
    expect(fc.meta.tested).toBe(neighbourhoods.tests + places.tests);
    expect(fc.features.every((f) => f.properties.p === null || (f.properties.nearA ?? 0) + (f.properties.nearB ?? 0) >= 3)).toBe(true);
  });

  it('needs both periods', async () => {
    const res = await w.get('/api/hotspots/compare?from=2024-06-01&to=2024-06-30');
    expect(res.statusCode).toBe(400);
    expect(res.json().details[0].path).toBe('querystring.compareFrom');
    const reversed = await w.get('/api/hotspots/compare?from=2024-06-01&to=2024-06-30&compareFrom=2024-12-31&compareTo=2024-12-01');
    expect(reversed.statusCode).toBe(400);
    expect(reversed.json().details[0].path).toBe('querystring.compareFrom');
  });

  it.each([
    ['the same period', 'from=2024-06-01&to=2024-06-30&compareFrom=2024-06-01&compareTo=2024-06-30'],
    ['period B inside A', 'from=2024-01-01&to=2024-12-31&compareFrom=2024-06-01&compareTo=2024-06-30'],
    ['a shared last day', 'from=2024-06-01&to=2024-06-30&compareFrom=2024-06-30&compareTo=2024-07-31'],
    ['B before A, overlapping', 'from=2024-06-15&to=2024-07-15&compareFrom=2024-06-01&compareTo=2024-06-20'],
  ])('refuses overlapping periods with 400: %s', async (_label, query) => {
    const res = await w.get(`/api/hotspots/compare?${query}`);
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().message).toMatch(/overlaps/);
  });

  it('accepts periods that touch without overlapping', async () => {
    const res = await w.get('/api/hotspots/compare?from=2024-06-01&to=2024-06-30&compareFrom=2024-07-01&compareTo=2024-07-31');
    expect(res.statusCode, res.body).toBe(200);
  });
});
