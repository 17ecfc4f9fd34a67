import { must, categoryCodes, pointSources, type HotspotCollection } from '@lagesbild/shared';
import { allocatePointColumns, labelPlaces } from '@lagesbild/shared/hotspot/index';
import { mulberry32 } from '@lagesbild/shared/random';
import { describe, expect, it } from 'vitest';
import { testJobDefaults } from './hotspot-test-job';
import { runJob, type HotspotJob } from './hotspot-compute';
import { MAX_PLACE_AREA } from './hotspot-clusters';

/**
 * The list of places on constructed data: a 2 × 2 km town with a uniform background and two
 * dense spots 300 m apart, which a 600 m band merges into one blob of hot cells.
 */

const X0 = 500_000;
const Y0 = 6_400_000;
const SPOTS = [
  { x: X0 + 800, y: Y0 + 1000, n: 120, hour: 21 }, // Tuesdays 21:00 (evening)
  { x: X0 + 1100, y: Y0 + 1000, n: 60, hour: 8 }, // Saturdays 08:00 (morning)
];

function job(): HotspotJob {
  const rand = mulberry32(5);
  const rows: { x: number; y: number; t: number; band: number }[] = [];
  for (let i = 0; i < 400; i++) rows.push({ x: X0 + rand() * 2000, y: Y0 + rand() * 2000, t: Number.NaN, band: 255 });
  SPOTS.forEach((s, j) => {
    // 2026-03-03 is a Tuesday, 2026-03-07 a Saturday (UTC+1 in March).
    const day = j === 0 ? Date.UTC(2026, 2, 3) : Date.UTC(2026, 2, 7);
    for (let i = 0; i < s.n; i++) {
      rows.push({
        x: s.x + (rand() - 0.5) * 40,
        y: s.y + (rand() - 0.5) * 40,
        t: day + (s.hour - 1) * 3_600_000,
        band: s.hour >= 18 ? 2 : 0,
      });
    }
  });
  const columns = allocatePointColumns(rows.length);
  rows.forEach((r, i) => {
    columns.xy[2 * i] = r.x;
    columns.xy[2 * i + 1] = r.y;
    columns.time[i] = r.t;
    columns.band[i] = r.band;
    columns.source[i] = pointSources.indexOf('municipality');
    columns.category[i] = categoryCodes.indexOf('vandalism_graffiti');
  });
  const square = [[X0, Y0, X0 + 2000, Y0, X0 + 2000, Y0 + 2000, X0, Y0 + 2000, X0, Y0]];
  return {
    kind: 'hotspots',
    columns,
    filter: {},
    ...testJobDefaults,
    studyArea: { kind: 'boundary', names: ['Staden'], polygons: [square], bbox: [X0, Y0, X0 + 2000, Y0 + 2000] },
    districts: [{ name: 'Väster', polygon: [[X0, Y0, X0 + 1000, Y0, X0 + 1000, Y0 + 2000, X0, Y0 + 2000, X0, Y0]] }],
    namedPlaces: [{ name: 'Torget', x: must(SPOTS[1], 'the second spot').x + 100, y: must(SPOTS[1], 'the second spot').y }],
    cellSize: 50,
    band: 600,
    cells: 'all',
    format: 'geojson',
  };
}

describe('the places of the map', () => {
  const answer = JSON.parse(runJob(job()).body) as HotspotCollection;
  const hot = answer.meta.clusters.filter((c) => c.kind === 'hot');

  it('splits one blob of hot cells at its local maxima into compact places, ranked by excess', () => {
    // The answer's cells back on a grid (ids are <size>-<col>-<row>): both places lie in one blob.
    const at = (id: string) => id.split('-').slice(1).map(Number) as [number, number];
    const [c0, r0] = at(must(answer.features[0], 'a cell').id);
    const classes = new Int8Array(40 * 40);
    for (const f of answer.features) {
      const [c, r] = at(f.id);
      classes[(r - r0) * 40 + (c - c0)] = f.properties.class;
    }
    const blobs = labelPlaces(classes, 40, 40, 1);
    const first = must(hot[0], 'the first place');
    const second = must(hot[1], 'the second place');
    const blobOf = (cell: string) => blobs.label[(at(cell)[1] - r0) * 40 + (at(cell)[0] - c0)];
    expect(blobOf(first.peakCell)).toBe(blobOf(second.peakCell));
    expect(first.hectares).toBeLessThanOrEqual(MAX_PLACE_AREA / 10_000);
    expect(second.hectares).toBeLessThanOrEqual(MAX_PLACE_AREA / 10_000);
    expect(first.excess).toBeGreaterThan(second.excess);
    expect(first.records).toBeGreaterThanOrEqual(110);
    expect(first.excess).toBeCloseTo(first.records - first.expected, 0);
    expect(second.records).toBeGreaterThanOrEqual(50);
    expect(hot.every((p, i) => p.excess <= (hot[i - 1]?.excess ?? Infinity))).toBe(true);
  });

  it('says when each place peaks, and names it after the nearest named place, else its district', () => {
    const [first, second] = hot;
    expect(first).toMatchObject({ peakTime: 'evening', peakDay: 1, name: 'Väster', area: 'Väster' });
    expect(second).toMatchObject({ peakTime: 'morning', peakDay: 5, name: 'Torget' });
    expect(must(first, 'the first place').times.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(must(first, 'the first place').records);
  });
});
