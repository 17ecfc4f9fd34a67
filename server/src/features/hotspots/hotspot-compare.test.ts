import { must, categoryCodes, pointSources, reportedSources, timeBands, wgs84ToSweref, type CompareCollection } from '@lagesbild/shared';
import { AREA_ONLY, POLICE_ONLY, UNKNOWN_BAND, allocatePointColumns, polygonSet } from '@lagesbild/shared/hotspot/index';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateDemo } from '../demo/generator/generate-demo';
import { TREND } from '../demo/generator/hot-spots';
import type { DemoData } from '../demo/generator/types';
import { testJobDefaults } from './hotspot-test-job';
import { runJob, type CompareJob } from './hotspot-compute';

/** The period comparison on the demo's data: its seeded rise in Nyhem must show. */

let demo: DemoData;
let job: Omit<CompareJob, 'filter' | 'filterB'>;
const at = (day: string) => Date.parse(`${day}T00:00:00+01:00`);
const YEAR_ONE = { from: at('2024-11-01'), to: at('2025-11-01') };
const YEAR_TWO = { from: at('2025-11-01'), to: at('2026-11-01') };

beforeAll(() => {
  demo = generateDemo();
  const columns = allocatePointColumns(demo.points.length);
  demo.points.forEach((p, i) => {
    columns.xy[2 * i] = p.x;
    columns.xy[2 * i + 1] = p.y;
    columns.lat[i] = p.lat;
    columns.lon[i] = p.lon;
    columns.time[i] = p.occurred_at ? p.occurred_at.getTime() : Number.NaN;
    columns.source[i] = pointSources.indexOf(p.source);
    columns.category[i] = categoryCodes.indexOf(p.category);
    columns.band[i] = p.time_band ? timeBands.indexOf(p.time_band) : UNKNOWN_BAND;
    columns.flags[i] = (p.classification === 'police_only' ? POLICE_ONLY : 0) | (p.precision === 'area' ? AREA_ONLY : 0);
  });
  const metric = (area: DemoData['areas'][number]) => [
    must(area.geometry.coordinates[0], 'the outline').flatMap(([lon = NaN, lat = NaN]) => wgs84ToSweref(lat, lon)),
  ];
  const boundary = must(
    demo.areas.find((a) => a.kind === 'boundary'),
    'the demo boundary',
  );
  const polygons = [metric(boundary)];
  job = {
    kind: 'compare',
    columns,
    ...testJobDefaults,
    studyArea: { kind: 'boundary', names: [boundary.name], polygons, bbox: [...must(polygonSet(polygons).bbox, 'the boundary bbox')] },
    districts: demo.areas.filter((a) => a.kind !== 'boundary').map((a) => ({ name: a.name, polygon: metric(a) })),
    periodA: { from: '2024-11-01', to: '2025-10-31' },
    periodB: { from: '2025-11-01', to: '2026-10-31' },
  };
});

function compareYears(categories?: (typeof categoryCodes)[number][]): CompareCollection {
  const filter = { sources: [...reportedSources], ...(categories ? { categories } : {}) };
  return JSON.parse(runJob({ ...job, filter: { ...filter, ...YEAR_ONE }, filterB: { ...filter, ...YEAR_TWO } }).body) as CompareCollection;
}

describe('the period comparison on the demo', () => {
  it.each([
    ['every reported record', undefined],
    [`the trend's category (${TREND.category})`, [TREND.category]],
  ])('finds the seeded rise in Nyhem at the place scale: %s', (_label, categories) => {
    const { meta, features } = compareYears(categories);
    const nyhem = meta.places.filter((p) => p.area === TREND.district);
    const place = must(nyhem[0], 'a place in the trend district');
    expect(place.change).toBeGreaterThanOrEqual(2); // adjusted p ≤ 0.05
    expect(place.countB).toBeGreaterThan(place.countA);
    // Its cells show the rise on the map.
    expect(features.find((f) => f.id === place.peakCell)?.properties.change).toBeGreaterThan(0);
    expect(meta.increased).toBeGreaterThan(0);
  });

  it('keeps the family to tests that could be significant', () => {
    const { meta } = compareYears([TREND.category]);
    const { neighbourhoods, places } = meta.family;
    expect(neighbourhoods.tests).toBe(neighbourhoods.riseTests + neighbourhoods.fallTests);
    // Sparse neighbourhoods (a few drug reports) cannot be significant either way.
    expect(neighbourhoods.tests).toBeLessThan(2 * meta.cellsInStudyArea);
    expect(places.tests).toBeLessThanOrEqual(2 * meta.places.length);
    expect(meta.tested).toBe(neighbourhoods.tests + places.tests);
  });
});
