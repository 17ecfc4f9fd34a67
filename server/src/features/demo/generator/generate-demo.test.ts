import { pointInPolygon } from '@lagesbild/shared/geo/polygon';
import { categoryCodes, questionBank, timeBandOfHour } from '@lagesbild/shared';
import { wgs84ToSweref } from '@lagesbild/shared/geo/projection';
import { stockholmHour } from '@lagesbild/shared/time/stockholm';
import { beforeAll, describe, expect, it } from 'vitest';
import { generatePoints } from './benchmark-points';
import { generateDemo } from './generate-demo';
import { DEFAULT_UNTIL } from './timing';
import type { DemoData } from './types';
import { must } from '@lagesbild/shared';

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const UNSAFE = new Set(['fairly_unsafe', 'very_unsafe']);
const BIG = new Set(['big', 'fairly_big']);

let demo: DemoData;

beforeAll(() => {
  demo = generateDemo();
});

function share<T>(rows: readonly T[], predicate: (row: T) => boolean): number {
  return rows.filter(predicate).length / rows.length;
}

describe('generateDemo', () => {
  it('is deterministic: the same seed gives deep-equal output, another seed differs', () => {
    const a = generateDemo({ seed: 7, scale: 0.1 });
    const b = generateDemo({ seed: 7, scale: 0.1 });
    expect(b).toEqual(a);
    const c = generateDemo({ seed: 8, scale: 0.1 });
    expect(c.collaboration.id).not.toBe(a.collaboration.id);
    expect(c.points.map((p) => [p.lat, p.lon])).not.toEqual(a.points.map((p) => [p.lat, p.lon]));
    expect(generateDemo()).toEqual(demo);
  });

  it('places the collaboration on Värnamo', () => {
    expect(demo.collaboration).toMatchObject({ slug: 'varnamo', name: 'Värnamo', police_district: 'Lokalpolisområde Värnamo' });
    expect(demo.municipality).toMatchObject({ code: '0683', collaboration_id: demo.collaboration.id });
    expect(demo.municipality.population).toBeGreaterThan(30_000);
    const boundaries = demo.areas.filter((a) => a.kind === 'boundary');
    const districts = demo.areas.filter((a) => a.kind === 'district');
    expect(boundaries).toHaveLength(1);
    expect(districts.length).toBeGreaterThanOrEqual(5);
    expect(districts.length).toBeLessThanOrEqual(6);
    expect(districts.map((d) => d.name)).toContain('Centrum');
    const total = districts.reduce((sum, d) => sum + d.population, 0);
    expect(Math.abs(total - demo.municipality.population) / demo.municipality.population).toBeLessThan(0.1);
    const [west, south, east, north] = must(boundaries[0], 'the boundary').bbox;
    expect(west).toBeLessThan(14.04);
    expect(east).toBeGreaterThan(14.04);
    expect(south).toBeLessThan(57.186);
    expect(north).toBeGreaterThan(57.186);
    // Roughly 10 × 8 km.
    const [w, s] = wgs84ToSweref(south, west);
    const [e, n] = wgs84ToSweref(north, east);
    expect(e - w).toBeGreaterThan(8_000);
    expect(e - w).toBeLessThan(12_000);
    expect(n - s).toBeGreaterThan(6_500);
    expect(n - s).toBeLessThan(10_000);
    for (const area of demo.areas) {
      const ring = must(area.geometry.coordinates[0], 'the outline');
      expect(ring[0]).toEqual(ring.at(-1));
      expect(area.id).toMatch(UUID_V4);
    }
  });

  it('has about the stated sizes at scale 1 and scales them', () => {
    expect(demo.responses).toHaveLength(2000);
    const bySource = (source: string) => demo.points.filter((p) => p.source === source);
    expect(bySource('municipality')).toHaveLength(5000);
    expect(bySource('police')).toHaveLength(3000);
    const pins = bySource('survey').length;
    expect(pins).toBeGreaterThan(1600);
    expect(pins).toBeLessThan(2600);
    const small = generateDemo({ scale: 0.1 });
    expect(small.responses).toHaveLength(200);
    expect(small.points.filter((p) => p.source === 'police')).toHaveLength(300);
  });

  it('keeps every point inside the boundary and nearly all inside a district', () => {
    const boundary = must(
      demo.areas.find((a) => a.kind === 'boundary'),
      'the boundary',
    );
    const districts = demo.areas.filter((a) => a.kind === 'district');
    let inDistrict = 0;
    for (const p of demo.points) {
      expect(pointInPolygon(p.lon, p.lat, boundary.geometry)).toBe(true);
      const containing = districts.filter((d) => pointInPolygon(p.lon, p.lat, d.geometry));
      expect(containing.length).toBeLessThanOrEqual(1);
      if (containing.length === 1) {
        inDistrict++;
        expect(p.area_id).toBe(must(containing[0], 'the containing district').id);
      }
    }
    expect(inDistrict / demo.points.length).toBeGreaterThan(0.95);
  });

  it('gives points consistent coordinates, times and time bands', () => {
    const start = DEFAULT_UNTIL.getTime() - 730 * 86_400_000;
    for (const p of demo.points.slice(0, 3000)) {
      const [x, y] = wgs84ToSweref(p.lat, p.lon);
      expect(Math.abs(x - p.x)).toBeLessThan(0.01);
      expect(Math.abs(y - p.y)).toBeLessThan(0.01);
      expect(p.time_band).toBe(timeBandOfHour(stockholmHour(p.occurred_at.getTime())));
    }
    for (const p of demo.points) {
      expect(p.occurred_at.getTime()).toBeGreaterThanOrEqual(start);
      expect(p.occurred_at.getTime()).toBeLessThan(DEFAULT_UNTIL.getTime());
    }
    // The time zone arithmetic agrees with the platform's.
    const hourFmt = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Stockholm', hour: '2-digit', hourCycle: 'h23' });
    for (const p of demo.points.slice(0, 500)) {
      expect(stockholmHour(p.occurred_at.getTime())).toBe(Number(hourFmt.format(p.occurred_at)));
    }
  });

  it('uses the stated sources, classifications, precisions and origins', () => {
    const responseIds = new Set(demo.responses.map((r) => r.id));
    for (const p of demo.points) {
      expect(p.collaboration_id).toBe(demo.collaboration.id);
      if (p.source === 'survey') {
        expect(p).toMatchObject({ classification: 'internal', precision: 'exact', origin_kind: 'response' });
        expect(responseIds.has(p.origin_id ?? '')).toBe(true);
      } else if (p.source === 'municipality') {
        expect(p).toMatchObject({ classification: 'internal', precision: 'exact', origin_kind: 'demo', origin_id: null });
      } else {
        expect(p.source).toBe('police');
        expect(p).toMatchObject({ classification: 'police_only', origin_kind: 'demo', origin_id: null });
      }
    }
    const police = demo.points.filter((p) => p.source === 'police');
    const areaShare = share(police, (p) => p.precision === 'area');
    expect(areaShare).toBeGreaterThan(0.15);
    expect(areaShare).toBeLessThan(0.25);
    const municipalCats = new Set(demo.points.filter((p) => p.source === 'municipality').map((p) => p.category));
    for (const c of ['vandalism_graffiti', 'littering', 'lighting', 'disorder']) expect(municipalCats.has(c as never)).toBe(true);
    const policeCats = new Set(police.map((p) => p.category));
    for (const c of ['violence', 'theft_burglary', 'drugs', 'traffic', 'disorder']) expect(policeCats.has(c as never)).toBe(true);
    for (const p of demo.points) expect(categoryCodes).toContain(p.category);
  });

  it('places area-precision police events at the district centroid', () => {
    const areaEvents = demo.points.filter((p) => p.precision === 'area');
    const districtIds = new Set(demo.areas.filter((a) => a.kind === 'district').map((a) => a.id));
    const places = new Set(areaEvents.map((p) => `${p.lat},${p.lon}`));
    expect(places.size).toBeLessThanOrEqual(districtIds.size);
    for (const p of areaEvents) expect(districtIds.has(p.area_id ?? '')).toBe(true);
  });

  it('clusters survey pins in hot spots', () => {
    const pins = demo.points.filter((p) => p.source === 'survey');
    const cells = new Map<string, number>();
    for (const p of pins) {
      const key = `${Math.floor(p.x / 500)},${Math.floor(p.y / 500)}`;
      cells.set(key, (cells.get(key) ?? 0) + 1);
    }
    // About 320 cells of 500 m cover the town.
    const average = pins.length / 320;
    const densest = Math.max(...cells.values());
    expect(densest).toBeGreaterThan(10 * average);
    // Several distinct hot spots, not one.
    const hot = [...cells.values()].filter((n) => n > 5 * average);
    expect(hot.length).toBeGreaterThanOrEqual(4);
    // Pins are mostly felt unsafe in the evening and at night, traffic more often in the morning.
    expect(share(pins, (p) => p.time_band === 'evening' || p.time_band === 'night')).toBeGreaterThan(0.6);
    const traffic = pins.filter((p) => p.category === 'traffic');
    expect(share(traffic, (p) => p.time_band === 'morning')).toBeGreaterThan(share(pins, (p) => p.time_band === 'morning'));
  });

  it('answers with the question bank and realistic differences', () => {
    const bank = new Map(questionBank.map((q) => [q.id, q]));
    const rows = must(bank.get('problems')?.rows, 'the rows of the problems question').map((r) => r.value);
    let pinTotal = 0;
    for (const r of demo.responses) {
      expect(r.id).toMatch(UUID_V4);
      for (const key of Object.keys(r.answers)) expect(bank.has(key)).toBe(true);
      const values = (id: string) => must(bank.get(id)?.options, `the options of ${id}`).map((o) => o.value);
      expect(values('safety_evening')).toContain(r.answers.safety_evening);
      expect(values('worry_crime')).toContain(r.answers.worry_crime);
      expect(Object.keys(r.answers.problems).sort()).toEqual([...rows].sort());
      for (const v of Object.values(r.answers.problems)) expect(values('problems')).toContain(v);
      if (r.answers.age_band !== undefined) expect(values('age_band')).toContain(r.answers.age_band);
      if (r.answers.gender !== undefined) expect(values('gender')).toContain(r.answers.gender);
      expect(r.answers.unsafe_places.length).toBeLessThanOrEqual(3);
      pinTotal += r.answers.unsafe_places.length;
    }
    expect(pinTotal).toBe(demo.points.filter((p) => p.source === 'survey').length);
    expect(pinTotal / demo.responses.length).toBeGreaterThan(0.8);
    expect(pinTotal / demo.responses.length).toBeLessThan(1.3);

    const rs = demo.responses;
    const blankAge = share(rs, (r) => r.answers.age_band === undefined);
    expect(blankAge).toBeGreaterThan(0.06);
    expect(blankAge).toBeLessThan(0.15);

    const unsafe = (r: (typeof rs)[number]) => UNSAFE.has(r.answers.safety_evening);
    const women = rs.filter((r) => r.answers.gender === 'woman');
    const men = rs.filter((r) => r.answers.gender === 'man');
    expect(share(women, unsafe)).toBeGreaterThan(share(men, unsafe) + 0.1);
    const young = rs.filter((r) => r.answers.age_band === '25-44');
    const old = rs.filter((r) => r.answers.age_band === '65-79' || r.answers.age_band === '80+');
    const unsafeOrStaysIn = (r: (typeof rs)[number]) => unsafe(r) || r.answers.safety_evening === 'dont_go_out';
    expect(share(old, unsafeOrStaysIn)).toBeGreaterThan(share(young, unsafeOrStaysIn));

    const district = (name: string) =>
      must(
        demo.areas.find((a) => a.name === name),
        `the district ${name}`,
      ).id;
    const bigDrugs = (name: string) =>
      share(
        rs.filter((r) => r.area_id === district(name)),
        (r) => BIG.has(r.answers.problems.drugs ?? ''),
      );
    expect(bigDrugs('Nyhem')).toBeGreaterThan(bigDrugs('Mossleberg') + 0.3);
  });

  it('shows a growing drug problem in Nyhem in the second year', () => {
    const nyhem = must(
      demo.areas.find((a) => a.name === 'Nyhem'),
      'Nyhem',
    ).id;
    const yearTwo = DEFAULT_UNTIL.getTime() - 365 * 86_400_000;
    const drugs = demo.points.filter((p) => p.area_id === nyhem && p.category === 'drugs' && p.source !== 'survey');
    const first = drugs.filter((p) => p.occurred_at.getTime() < yearTwo).length;
    const second = drugs.length - first;
    expect(second).toBeGreaterThan(1.4 * first);
  });
});

describe('generatePoints', () => {
  it('streams deterministic points for the demo geography', () => {
    const a = [...generatePoints(2000, 3)];
    const b = [...generatePoints(2000, 3)];
    expect(a).toHaveLength(2000);
    expect(b).toEqual(a);
    const layout = generateDemo({ seed: 3, scale: 0 });
    expect(layout.responses).toHaveLength(0);
    expect(layout.points).toHaveLength(0);
    const boundary = must(
      layout.areas.find((x) => x.kind === 'boundary'),
      'the boundary',
    );
    const sources = new Set<string>();
    for (const p of a) {
      expect(p.collaboration_id).toBe(layout.collaboration.id);
      expect(pointInPolygon(p.lon, p.lat, boundary.geometry)).toBe(true);
      sources.add(p.source);
    }
    expect([...sources].sort()).toEqual(['municipality', 'police', 'survey']);
  });

  it('is lazy', () => {
    const iterator = generatePoints(1_000_000, 1);
    const first = iterator.next();
    expect(first.done).toBe(false);
    iterator.return(undefined);
  });
});
