import { describe, expect, it } from 'vitest';
import { sunTimes } from '../geo/sun';
import { must } from '../must';
import { stockholmDayStart } from '../time/stockholm';
import { assignCells, cellId, parseCellId } from './cells';
import { AREA_ONLY, POLICE_ONLY, UNKNOWN_BAND, allocatePointColumns, filterPoints } from './filter';
import { countPoints, makeGrid } from './grid';
import { mulberry32 } from './test-random';

const VARNAMO = { lat: 57.186, lon: 14.04 };
const HOUR = 3_600_000;

/** Points: [time (ms or NaN), source index, category index, band index, flags]. */
function columns(rows: [number, number, number, number, number][]) {
  const c = allocatePointColumns(rows.length, true);
  rows.forEach(([time, source, category, band, flags], i) => {
    c.xy[2 * i] = 440_000 + i;
    c.xy[2 * i + 1] = 6_340_000 + i;
    c.lat[i] = VARNAMO.lat;
    c.lon[i] = VARNAMO.lon;
    c.time[i] = time;
    c.source[i] = source;
    c.category[i] = category;
    c.band[i] = band;
    c.flags[i] = flags;
  });
  return c;
}

const monday = stockholmDayStart('2024-11-25') + 12 * HOUR;
const saturday = stockholmDayStart('2024-11-30') + 12 * HOUR;

describe('filterPoints', () => {
  const cols = columns([
    [monday, 0, 0, 1, 0], // survey, lighting, day
    [saturday, 2, 7, 3, POLICE_ONLY], // police, violence, night
    [Number.NaN, 1, 10, 2, 0], // municipality, littering, evening, date unknown
    [monday + 86_400_000, 2, 2, 2, POLICE_ONLY | AREA_ONLY], // police, drugs, area-level only
    [saturday, 1, 9, UNKNOWN_BAND, 0], // municipality, vandalism, band unknown
  ]);

  it('keeps everything without a filter, except area-level points, which it counts', () => {
    const out = filterPoints(cols, {});
    expect(Array.from(out.index)).toEqual([0, 1, 2, 4]);
    expect(out.areaOnly).toBe(1);
    expect(Array.from(out.xy.slice(0, 4))).toEqual([440_000, 6_340_000, 440_001, 6_340_001]);
    expect(Array.from(out.flags)).toEqual([0, POLICE_ONLY, 0, 0]);
  });

  it('filters by period, and drops unknown dates when a period is set', () => {
    expect(Array.from(filterPoints(cols, { from: saturday - HOUR }).index)).toEqual([1, 4]);
    expect(Array.from(filterPoints(cols, { to: saturday }).index)).toEqual([0]);
    expect(filterPoints(cols, { from: monday, to: monday + 2 * 86_400_000 }).areaOnly).toBe(1);
  });

  it('leaves out points with the flags given, area-level ones too, on every path', () => {
    const without = { without: POLICE_ONLY };
    expect(Array.from(filterPoints(cols, without).index)).toEqual([0, 2, 4]);
    expect(filterPoints(cols, without).areaOnly).toBe(0);
    expect(Array.from(filterPoints(cols, { ...without, from: monday }).index)).toEqual([0, 4]);
    expect(Array.from(filterPoints(cols, { ...without, days: 'weekend' }).index)).toEqual([4]);
  });

  it('filters by source, category and time-of-day band', () => {
    expect(Array.from(filterPoints(cols, { sources: ['municipality'] }).index)).toEqual([2, 4]);
    expect(Array.from(filterPoints(cols, { categories: ['violence', 'lighting'] }).index)).toEqual([0, 1]);
    expect(Array.from(filterPoints(cols, { times: ['evening', 'night'] }).index)).toEqual([1, 2]);
    expect(() => filterPoints(cols, { sources: ['nope' as never] })).toThrow(RangeError);
  });

  it('filters weekdays and weekends in Swedish local time', () => {
    expect(Array.from(filterPoints(cols, { days: 'weekday' }).index)).toEqual([0]);
    expect(Array.from(filterPoints(cols, { days: 'weekend' }).index)).toEqual([1, 4]);
  });

  it('filters dark hours by the sun at the place and date', () => {
    const day = '2024-12-21';
    const times = sunTimes(day, VARNAMO.lat, VARNAMO.lon);
    const sunrise = must(times.sunrise, 'sunrise');
    const sunset = must(times.sunset, 'sunset');
    const c = columns([
      [sunrise - 10 * 60_000, 0, 0, 0, 0],
      [sunrise + 10 * 60_000, 0, 0, 1, 0],
      [sunset - 10 * 60_000, 0, 0, 1, 0],
      [sunset + 10 * 60_000, 0, 0, 2, 0],
      [Number.NaN, 0, 0, 3, 0],
    ]);
    expect(Array.from(filterPoints(c, { light: 'dark' }).index)).toEqual([0, 3]);
    expect(Array.from(filterPoints(c, { light: 'daylight' }).index)).toEqual([1, 2]);
    expect(Array.from(filterPoints(c, { light: 'dark', from: stockholmDayStart(day) }).index)).toEqual([0, 3]);
  });
});

describe('cells', () => {
  it('names cells on the national lattice and parses the names back', () => {
    const grid = makeGrid([441_234, 6_338_567, 445_000, 6_342_000], 100);
    const index = 3 * grid.cols + 5;
    const id = cellId(grid, index);
    expect(id).toBe('100-4417-63388');
    expect(parseCellId(id)).toEqual({ cellSize: 100, bounds: [441_700, 6_338_800, 441_800, 6_338_900] });
    expect(parseCellId('100-x-1')).toBeUndefined();
    expect(parseCellId('20-1-1')).toBeUndefined();
  });

  it('assigns points to the same cells countPoints counts them in', () => {
    const rand = mulberry32(9);
    const bbox = [440_000, 6_330_000, 445_000, 6_334_000] as const;
    const xy = new Float64Array(20_000);
    for (let i = 0; i < xy.length; i += 2) {
      xy[i] = 439_000 + rand() * 7000;
      xy[i + 1] = 6_329_000 + rand() * 6000;
    }
    xy[0] = bbox[2]; // exactly on the east edge
    xy[1] = bbox[3];
    const grid = makeGrid(bbox, 250);
    const mask = new Uint8Array(grid.cols * grid.rows).map((_, k) => (k % 3 === 0 ? 0 : 1));
    const { counts } = countPoints(grid, bbox, xy, undefined, mask);
    const cells = assignCells(grid, bbox, xy, mask);
    const again = new Float64Array(counts.length);
    for (const k of cells) if (k >= 0) again[k] = must(again[k], 'count') + 1;
    expect(Array.from(again)).toEqual(Array.from(counts));
  });
});

describe('filterPoints against a plain reference', () => {
  it('agrees on random points and random filters (the branch-free path and the general one)', () => {
    const rand = mulberry32(77);
    const n = 3000;
    const c = allocatePointColumns(n);
    const start = Date.UTC(2024, 0, 1);
    for (let i = 0; i < n; i++) {
      c.xy[2 * i] = 440_000 + rand() * 5000;
      c.xy[2 * i + 1] = 6_330_000 + rand() * 5000;
      c.lat[i] = 57 + rand();
      c.lon[i] = 14 + rand();
      c.time[i] = rand() < 0.1 ? Number.NaN : start + rand() * 365 * 86_400_000;
      c.source[i] = Math.floor(rand() * 5);
      c.category[i] = Math.floor(rand() * 12);
      c.band[i] = rand() < 0.05 ? UNKNOWN_BAND : Math.floor(rand() * 4);
      c.flags[i] = (rand() < 0.3 ? POLICE_ONLY : 0) | (rand() < 0.1 ? AREA_ONLY : 0);
    }
    const sources = ['survey', 'municipality', 'police', 'walk', 'dialogue'] as const;
    const categories = [
      'lighting',
      'traffic',
      'drugs',
      'alcohol',
      'youth_gangs',
      'disorder',
      'harassment',
      'violence',
      'theft_burglary',
      'vandalism_graffiti',
      'littering',
      'other',
    ] as const;
    const bands = ['morning', 'day', 'evening', 'night'] as const;
    const pick = <T>(all: readonly T[]) => all.filter(() => rand() < 0.5);
    const at = (column: ArrayLike<number>, i: number) => must(column[i], 'column value');
    const nth = <T>(all: readonly T[], k: number) => must(all[k], 'name');
    for (let round = 0; round < 200; round++) {
      const filter: Parameters<typeof filterPoints>[1] = {};
      if (rand() < 0.5) filter.from = start + rand() * 200 * 86_400_000;
      if (rand() < 0.5) filter.to = start + (150 + rand() * 215) * 86_400_000;
      if (rand() < 0.6) filter.sources = pick(sources);
      if (rand() < 0.6) filter.categories = pick(categories);
      if (rand() < 0.3) filter.times = pick(bands);
      const out = filterPoints(c, filter);
      const expected: number[] = [];
      let areaOnly = 0;
      for (let i = 0; i < n; i++) {
        const t = at(c.time, i);
        if (filter.sources && !filter.sources.includes(nth(sources, at(c.source, i)))) continue;
        if (filter.categories && !filter.categories.includes(nth(categories, at(c.category, i)))) continue;
        if (filter.times && (c.band[i] === UNKNOWN_BAND || !filter.times.includes(nth(bands, at(c.band, i))))) continue;
        if ((filter.from !== undefined || filter.to !== undefined) && !(t >= (filter.from ?? -Infinity) && t < (filter.to ?? Infinity)))
          continue;
        if (at(c.flags, i) & AREA_ONLY) areaOnly++;
        else expected.push(i);
      }
      expect(Array.from(out.index), `round ${round}`).toEqual(expected);
      expect(out.areaOnly).toBe(areaOnly);
      const first = expected[0];
      expect(out.xy[0]).toBe(first === undefined ? undefined : c.xy[2 * first]);
    }
  });
});
