import { must, type PopulationGridImported } from '@lagesbild/shared';
import { describe, expect, it } from 'vitest';
import { CLUSTER, SIDE, X0, Y0, createHotspotWorld, feature } from '../support/hotspot-world';
import { ORIGIN } from '../support/fixtures';
import { useWorld } from '../support/use-world';

/** The residents grid (SCB's CSV) and the hot-spot map's rate mode and populated study area on it. */

const w = useWorld(() => createHotspotWorld('population'));

/** SCB's CSV of 250 m squares over the town: `residents(x, y)` per square, northing first as SCB writes the id. */
function scbCsv(residents: (x: number, y: number) => number, header = 'Rutid;Beftot;År'): string {
  const rows = [header];
  for (let x = X0; x < X0 + SIDE; x += 250) for (let y = Y0; y < Y0 + SIDE; y += 250) rows.push(`${y}${x};${residents(x, y)};2025`);
  return rows.join('\r\n');
}

const put = (csv: string, cookie = w.municipal) =>
  w.t.app.inject({ method: 'PUT', url: '/api/population-grid', headers: { cookie, origin: ORIGIN }, payload: { csv } });
const clusterSquare = (x: number, y: number) => x === 440_500 && y === 6_339_000;

describe('the residents grid', () => {
  it('is empty at first, and rate mode and the populated study area then answer 422 naming the parameter', async () => {
    expect((await w.get('/api/population-grid')).json()).toEqual({ size: null, squares: 0, residents: 0, year: null });
    for (const [query, field] of [
      ['measure=rate', 'querystring.measure'],
      ['studyArea=populated', 'querystring.studyArea'],
    ] as const) {
      const res = await w.get(`/api/hotspots?${query}`);
      expect(res.statusCode).toBe(422);
      expect(res.json()).toMatchObject({ error: 'NO_POPULATION_GRID', details: [{ path: field }] });
    }
  });

  it('refuses broken files with 422 naming the line, and keeps the grid as it was', async () => {
    const cases: [string, RegExp][] = [
      ['Ruta;Antal\r\n12345;10', /line 2: "12345" is not an SCB square id/],
      ['Något;Annat\r\n6339000440000;10', /header must name a square id column/],
      ['Rutid;Beftot\r\n6339000440000;tio', /line 2: residents must be a whole number/],
      ['Rutid;Beftot\r\n6339010440000;10', /not on the 250 m grid/],
      ['Rutid;Beftot\r\n', /no squares/],
    ];
    for (const [csv, message] of cases) {
      const res = await put(csv);
      expect(res.statusCode, csv).toBe(422);
      expect(res.json().message).toMatch(message);
    }
    expect((await w.get('/api/population-grid')).json()).toMatchObject({ squares: 0 });
  });

  it('reads either order of northing and easting in the id and reports what it skipped', async () => {
    const res = await put('Rutid,Pop\r\n4400006338000,12\r\n6338000440250,30\r\n6338000440500,0\r\n');
    expect(res.statusCode).toBe(200);
    expect(res.json<PopulationGridImported>()).toEqual({ size: 250, squares: 2, residents: 42, year: null, rowsTotal: 3, rowsSkipped: 1 });
  });

  it('rate mode: a cluster where few live stays hot; the same cluster where many live is explained by its residents', async () => {
    expect((await put(scbCsv(() => 40))).statusCode).toBe(200);
    const uniform = await w.hotspots('cellSize=100&measure=rate', w.police);
    expect(uniform.meta.method.exposure).toBe('residents');
    expect(uniform.meta.measure).toMatchObject({ kind: 'rate', rule: expect.stringMatching(/residents/) });
    expect(uniform.meta.studyArea.populatedOnly).toBe(true);
    expect(must(feature(uniform, CLUSTER.cell), 'the cluster cell').properties.class).toBe(3);

    expect((await put(scbCsv((x, y) => (clusterSquare(x, y) ? 20_000 : 10)))).statusCode).toBe(200);
    const dense = await w.hotspots('cellSize=100&measure=rate', w.police);
    expect(dense.meta.dataVersion).not.toBe(uniform.meta.dataVersion);
    expect(must(feature(dense, CLUSTER.cell), 'the cluster cell').properties.class).toBeLessThan(2);
    const counted = await w.hotspots('cellSize=100', w.police);
    expect(counted.meta.measure).toMatchObject({ kind: 'count' });
    expect(must(feature(counted, CLUSTER.cell), 'the cluster cell').properties.class).toBe(3);
  });

  it('studyArea=populated analyses only cells in squares where someone lives', async () => {
    // Residents only in the western half of the town.
    expect((await put(scbCsv((x) => (x < X0 + SIDE / 2 ? 25 : 0)))).statusCode).toBe(200);
    const all = await w.hotspots('cellSize=100&cells=none', w.police);
    const populated = await w.hotspots('cellSize=100&cells=none&studyArea=populated', w.police);
    expect(all.meta.cellsInStudyArea).toBe(400);
    expect(populated.meta.cellsInStudyArea).toBe(200);
    expect(populated.meta.studyArea.populatedOnly).toBe(true);
    expect(populated.meta.pointsOutsideStudyArea).toBeGreaterThan(all.meta.pointsOutsideStudyArea ?? 0);
  });

  it('is per collaboration: another collaboration sees its own (empty) grid', async () => {
    expect((await w.get('/api/population-grid', w.outsider)).json()).toMatchObject({ squares: 0 });
  });
});
