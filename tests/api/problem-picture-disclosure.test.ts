import { randomUUID } from 'node:crypto';
import { must, suppressCounts, wgs84ToSweref, type CategoryCode, type ProblemPicture, type SafetyIndex } from '@lagesbild/shared';
import { mulberry32 } from '@lagesbild/shared/random';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCollaboration, createUser, createVarnamoBoundary, loginAs } from '../support/fixtures';
import { createTestApp, type TestApp } from '../support/test-app';

/**
 * Property test of the disclosure rule of the problem picture and the felt-safety index (see
 * server/src/features/problem-picture/README.md). Generated data sets full of tiny groups are
 * stored, every combination of area × period (picture) and area × breakdown (index) is asked
 * for through the API, and:
 *   (a) every published count of respondents is 0 or at least k, and a share has n ≥ k;
 *   (b) no difference of two published figures over nested populations lies between 1 and
 *       k − 1: a longer and a shorter period, all areas and a district, all areas and the sum of
 *       the districts, a total and its groups, the picture's respondents and the index's;
 *   (c) every published count is the sum of the published atoms in its scope, and from all of
 *       them together no group of 1 … k − 1 respondents is determined (a rank test);
 * and the ranking is the same when the same data are stored in another order.
 */

const K = 5;
const SEEDS = [11, 23, 37, 41];
/** Twelve calendar months over three half-years: 2025-10 … 2026-09. */
const MONTHS = Array.from({ length: 12 }, (_, i) => new Date(Date.UTC(2025, 9 + i, 1)).toISOString().slice(0, 7));
const HALF_YEARS = {
  '2025-H2': ['2025-07-01', '2025-12-31'],
  '2026-H1': ['2026-01-01', '2026-06-30'],
  '2026-H2': ['2026-07-01', '2026-12-31'],
} as const;
/** Whole months, half-years, days cut off at either end, nested and shifted periods. */
const PERIODS: readonly (readonly [string, string])[] = [
  ['2025-10-01', '2026-09-30'],
  ...Object.values(HALF_YEARS),
  ['2026-01-01', '2026-06-29'],
  ['2026-01-02', '2026-06-30'],
  ['2026-03-01', '2026-03-31'],
  ['2026-03-01', '2026-03-30'],
  ['2026-03-15', '2026-03-16'],
  ['2026-02-10', '2026-05-20'],
  ['2026-02-11', '2026-05-21'],
  ['2026-04-01', '2026-05-31'],
];
const BREAKDOWNS = ['none', 'gender', 'age_band'] as const;
type Breakdown = (typeof BREAKDOWNS)[number];
const GENDERS = ['woman', 'man', 'other', 'no_answer', undefined] as const;
const AGES = ['16-24', '25-44', '45-64', '65-79', '80+', undefined] as const;
const RATED: CategoryCode[] = ['drugs', 'littering', 'lighting', 'violence'];
const PINNED: CategoryCode[] = ['drugs', 'lighting', 'disorder'];
const REPORTED: CategoryCode[] = ['vandalism_graffiti', 'littering', 'drugs'];
const SCALE = ['big', 'fairly_big', 'small', 'none', 'dont_know'];
const SAFETY = ['very_safe', 'fairly_safe', 'fairly_unsafe', 'very_unsafe', 'dont_go_out'];

function shuffled<T extends NonNullable<unknown>>(list: readonly T[], random: () => number): T[] {
  const out = [...list];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [must(out[j], 'an entry'), must(out[i], 'an entry')];
  }
  return out;
}

/** A district by its index; null is "no district" (survey_response.area_id / point.area_id null). */
type Area = number | null;

interface Respondent {
  key: number;
  area: Area;
  at: Date;
  month: string;
  gender: string | undefined;
  age: string | undefined;
  answers: Record<string, unknown>;
  pins: { category: CategoryCode; area: Area }[];
}

interface DataSet {
  districts: number;
  respondents: Respondent[];
  reports: { area: number; category: CategoryCode; at: Date }[];
}

/** 0–8 respondents per district (or none) and month, a quarter of them empty, on edge days often. */
function generate(seed: number): DataSet {
  const random = mulberry32(seed);
  const pick = <T>(list: readonly T[]): T => {
    const index = Math.floor(random() * list.length);
    if (index >= list.length) throw new RangeError('nothing to pick from');
    return list[index] as T; // in range, so an element of the list (null is one of the areas)
  };
  const districts = 3 + Math.floor(random() * 2);
  const areas: Area[] = [null, ...Array.from({ length: districts }, (_, i) => i)];
  const respondents: Respondent[] = [];
  for (const area of areas) {
    for (const month of MONTHS) {
      const n = random() < 0.25 ? 0 : 1 + Math.floor(random() * 8);
      const [year, mon] = month.split('-').map(Number) as [number, number];
      const last = new Date(Date.UTC(year, mon, 0)).getUTCDate();
      for (let i = 0; i < n; i++) {
        const edge = random();
        const day = edge < 0.2 ? 1 : edge < 0.4 ? last : 1 + Math.floor(random() * last);
        const gender = pick(GENDERS);
        const age = pick(AGES);
        respondents.push({
          key: respondents.length,
          area,
          at: new Date(Date.UTC(year, mon - 1, day, 12, respondents.length % 60)),
          month,
          gender,
          age,
          answers: {
            // Everyone answers the evening-safety question, so the index and the picture count the same people.
            safety_evening: pick(SAFETY),
            problems: Object.fromEntries(RATED.filter(() => random() < 0.8).map((c) => [c, pick(SCALE)])),
            ...(gender ? { gender } : {}),
            ...(age ? { age_band: age } : {}),
          },
          pins:
            random() < 0.5
              ? Array.from({ length: 1 + Math.floor(random() * 2) }, () => ({ category: pick(PINNED), area: pick(areas) }))
              : [],
        });
      }
    }
  }
  const reports = Array.from({ length: districts }, (_, area) =>
    Array.from({ length: 2 + Math.floor(random() * 20) }, () => ({
      area,
      category: pick(REPORTED),
      at: new Date(Date.UTC(2025, 9 + Math.floor(random() * 12), 1 + Math.floor(random() * 28), 9)),
    })),
  ).flat();
  return { districts, respondents, reports };
}

/** District i is a square inside the Värnamo boundary; places without a district lie north of them. */
function placeIn(area: Area, random: () => number): { lat: number; lon: number } {
  if (area === null) return { lat: 57.24 + random() * 0.04, lon: 13.95 + random() * 0.2 };
  return { lat: 57.13 + random() * 0.06, lon: 13.935 + area * 0.065 + random() * 0.04 };
}

function districtRing(i: number): number[][] {
  const [w, e, s, n] = [13.93 + i * 0.065, 13.98 + i * 0.065, 57.12, 57.2];
  return [
    [w, s],
    [e, s],
    [e, n],
    [w, n],
    [w, s],
  ];
}

interface Stored {
  cookie: string;
  districtIds: string[];
}

/** Stores a data set in a collaboration of its own; with `random`, in a shuffled order. */
async function store(t: TestApp, slug: string, data: DataSet, random?: () => number): Promise<Stored> {
  const order = <T extends NonNullable<unknown>>(list: readonly T[]) => (random ? shuffled(list, random) : [...list]);
  const collab = await createCollaboration(t.app, slug);
  await createVarnamoBoundary(t.app, collab);
  await createUser(t.app, collab, { email: `official@${slug}.test`, role: 'official' });
  const districtIds: string[] = [];
  for (const i of order(Array.from({ length: data.districts }, (_, i) => i))) {
    const ring = districtRing(i);
    const row = await t.app.db
      .insertInto('area')
      .values({
        collaboration_id: collab.id,
        name: `Distrikt ${'ABCD'[i]}`,
        kind: 'district',
        population: 2000 + 1500 * i,
        geometry: JSON.stringify({ type: 'Polygon', coordinates: [ring] }),
        bbox: [...must(ring[0], 'the south-west corner'), ...must(ring[2], 'the north-east corner')],
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    districtIds[i] = row.id;
  }
  const areaId = (area: Area) => (area === null ? null : must(districtIds[area], `district ${area}`));
  const ids = data.respondents.map(() => randomUUID());
  await t.app.db
    .insertInto('survey_response')
    .values(
      order(data.respondents).map((r) => ({
        id: must(ids[r.key], 'the response id'),
        collaboration_id: collab.id,
        area_id: areaId(r.area),
        submitted_at: r.at,
        locale: 'sv',
        channel: 'web' as const,
        answers: JSON.stringify(r.answers),
      })),
    )
    .execute();
  const place = mulberry32(data.respondents.length);
  const point = (area: Area, at: Date) => {
    const { lat, lon } = placeIn(area, place);
    const [x, y] = wgs84ToSweref(lat, lon);
    return {
      collaboration_id: collab.id,
      occurred_at: at,
      lat,
      lon,
      x,
      y,
      precision: 'exact' as const,
      area_id: areaId(area),
      classification: 'internal' as const,
    };
  };
  const pins = data.respondents.flatMap((r) =>
    r.pins.map((pin) => ({
      ...point(pin.area, r.at),
      source: 'survey' as const,
      category: pin.category,
      origin_kind: 'response' as const,
      origin_id: must(ids[r.key], 'the response id'),
    })),
  );
  const reports = data.reports.map((r) => ({
    ...point(r.area, r.at),
    source: 'municipality' as const,
    category: r.category,
    origin_kind: 'demo' as const,
  }));
  await t.app.db
    .insertInto('point')
    .values(order([...pins, ...reports]))
    .execute();
  return { cookie: await loginAs(t.app, `official@${slug}.test`), districtIds };
}

async function get<T>(t: TestApp, cookie: string, url: string): Promise<T> {
  const res = await t.app.inject({ method: 'GET', url, headers: { cookie } });
  expect(res.statusCode, `${url}: ${res.body}`).toBe(200);
  return res.json<T>();
}

interface Answers {
  pictures: { area: Area; from: string; to: string; body: ProblemPicture }[];
  indices: { area: Area; breakdown: Breakdown; body: SafetyIndex }[];
}

async function askEverything(t: TestApp, stored: Stored, periods: readonly (readonly [string, string])[]): Promise<Answers> {
  const areas: Area[] = [null, ...stored.districtIds.map((_, i) => i)];
  const areaQuery = (area: Area) => (area === null ? '' : `&areaId=${stored.districtIds[area]}`);
  const answers: Answers = { pictures: [], indices: [] };
  for (const area of areas) {
    for (const [from, to] of periods) {
      answers.pictures.push({
        area,
        from,
        to,
        body: await get(t, stored.cookie, `/api/problem-picture?from=${from}&to=${to}${areaQuery(area)}`),
      });
    }
    for (const breakdown of BREAKDOWNS) {
      answers.indices.push({
        area,
        breakdown,
        body: await get(t, stored.cookie, `/api/problem-picture/safety-index?breakdown=${breakdown}${areaQuery(area)}`),
      });
    }
  }
  return answers;
}

/** One published count: which kind, over which population (area × requested days). */
interface Figure {
  kind: string;
  area: Area;
  from: string;
  to: string;
  value: number | null;
}

function pictureFigures(answers: Answers): Figure[] {
  return answers.pictures.flatMap(({ area, from, to, body }) => [
    { kind: 'respondents', area, from, to, value: body.respondents },
    ...body.problems.flatMap((p) => [
      { kind: `rated ${p.category}`, area, from, to, value: p.survey.rated },
      { kind: `pin respondents ${p.category}`, area, from, to, value: p.pins.respondents },
      { kind: `pins ${p.category}`, area, from, to, value: p.pins.count },
    ]),
  ]);
}

/** The index as period → group → respondents (null: withheld). */
type IndexTable = Record<string, Record<string, number | null>>;
const tableOf = (index: SafetyIndex): IndexTable =>
  Object.fromEntries(index.periods.map((p) => [p.period, Object.fromEntries(p.groups.map((g) => [g.group, g.respondents]))]));

/** Published numbers may be 0 or at least k; a difference may be 0 or at least k either way. */
const isSafe = (n: number) => n === 0 || Math.abs(n) >= K;
const valueOf = (n: number | null | undefined) => n ?? 0;

const monthsOf = (from: string, to: string) => MONTHS.filter((m) => m >= from.slice(0, 7) && m <= to.slice(0, 7));
const halfYearOf = (month: string) => `${month.slice(0, 4)}-H${Number(month.slice(5)) <= 6 ? 1 : 2}`;
const groupOf = (r: Respondent, breakdown: Breakdown) =>
  breakdown === 'none' ? 'all' : ((breakdown === 'gender' ? r.gender : r.age) ?? 'not_stated');

/**
 * The rule, stated independently of the server: atoms are (district or none, month) for
 * respondents and evening-safety answers, (district or none, month, category) for ratings and
 * for pins (by the pin's district); an atom is published when it holds at least k people, and
 * every figure is the sum of the published atoms in its scope.
 */
class Model {
  readonly areas: Area[];
  private readonly byAtom = new Map<string, Respondent[]>();

  constructor(readonly data: DataSet) {
    this.areas = [null, ...Array.from({ length: data.districts }, (_, i) => i)];
    for (const r of data.respondents) {
      const key = `${r.area}|${r.month}`;
      this.byAtom.set(key, [...(this.byAtom.get(key) ?? []), r]);
    }
  }

  atom(area: Area, month: string): Respondent[] {
    return this.byAtom.get(`${area}|${month}`) ?? [];
  }

  published(area: Area, month: string): boolean {
    return this.atom(area, month).length >= K;
  }

  scope(area: Area): Area[] {
    return area === null ? this.areas : [area];
  }

  /** Respondents, ratings and pins of the picture for an area (null: all) and requested days. */
  picture(area: Area, from: string, to: string): Record<string, number | null> {
    const months = monthsOf(from, to);
    const sums: Record<string, number> = { respondents: 0 };
    const add = (kind: string, n: number) => (sums[kind] = (sums[kind] ?? 0) + n);
    for (const a of this.scope(area)) {
      for (const m of months) {
        if (this.published(a, m)) add('respondents', this.atom(a, m).length);
        for (const category of RATED) {
          const rated = this.atom(a, m).filter((r) => {
            const value = (r.answers.problems as Record<string, string>)[category];
            return value !== undefined && value !== 'dont_know';
          }).length;
          if (rated >= K) add(`rated ${category}`, rated);
        }
      }
    }
    // Pins belong to the district they were placed in, and to the month of their answer.
    for (const a of this.scope(area)) {
      for (const m of months) {
        for (const category of PINNED) {
          const placed = this.data.respondents
            .filter((r) => r.month === m)
            .map((r) => r.pins.filter((p) => p.category === category && p.area === a).length);
          const people = placed.filter((n) => n > 0).length;
          if (people >= K) {
            add(`pin respondents ${category}`, people);
            add(
              `pins ${category}`,
              placed.reduce((s, n) => s + n, 0),
            );
          }
        }
      }
    }
    return Object.fromEntries(Object.entries(sums).map(([kind, n]) => [kind, n === 0 ? null : n]));
  }

  /** Per area: the published group cells of a half-year (complementary suppression within it). */
  cells(area: Area, halfYear: string, breakdown: Breakdown): Map<string, number | null> {
    const counts = new Map<string, number>();
    for (const m of MONTHS.filter((month) => halfYearOf(month) === halfYear && this.published(area, month))) {
      for (const r of this.atom(area, m)) counts.set(groupOf(r, breakdown), (counts.get(groupOf(r, breakdown)) ?? 0) + 1);
    }
    // In group order: complementary suppression breaks ties by position.
    const groups = [...counts.keys()].sort();
    const { cells } = suppressCounts(
      groups.map((g) => counts.get(g) ?? 0),
      K,
    );
    return new Map(groups.map((group, i) => [group, cells[i] ?? null]));
  }

  index(area: Area, breakdown: Breakdown): IndexTable {
    const table: IndexTable = {};
    for (const halfYear of Object.keys(HALF_YEARS)) {
      const row: Record<string, number> = {};
      for (const a of this.scope(area)) {
        for (const [group, n] of this.cells(a, halfYear, breakdown)) row[group] = (row[group] ?? 0) + (n ?? 0);
      }
      if (Object.keys(row).length > 0) table[halfYear] = Object.fromEntries(Object.entries(row).map(([g, n]) => [g, n === 0 ? null : n]));
    }
    return table;
  }
}

/** Row space of published equations over the unknowns, by Gaussian elimination (floats, 0/1 rows). */
class RowSpace {
  private readonly basis: { pivot: number; row: Float64Array }[] = [];

  private reduce(vector: Float64Array): Float64Array {
    const r = Float64Array.from(vector);
    for (const { pivot, row } of this.basis) {
      const f = r[pivot] ?? 0;
      if (f !== 0) r.forEach((v, j) => (r[j] = v - f * (row[j] ?? 0)));
    }
    return r;
  }

  add(vector: Float64Array): void {
    const r = this.reduce(vector);
    let pivot = -1;
    let scale = 0;
    r.forEach((v, j) => {
      if (Math.abs(v) > 1e-9 && (pivot < 0 || Math.abs(v) > Math.abs(scale))) {
        pivot = j;
        scale = v;
      }
    });
    if (pivot < 0) return;
    r.forEach((v, j) => (r[j] = Math.abs(v) > 1e-12 ? v / scale : 0));
    this.basis.push({ pivot, row: r });
  }

  /** True when the sum over these unknowns follows from the equations (is in their row space). */
  determines(vector: Float64Array): boolean {
    return this.reduce(vector).every((x) => Math.abs(x) < 1e-6);
  }
}

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t.close());

describe.each(SEEDS)('disclosure control on generated data set %i', (seed) => {
  const data = generate(seed);
  const model = new Model(data);
  let stored: Stored;
  let answers: Answers;

  beforeAll(async () => {
    stored = await store(t, `disclosure-${seed}`, data);
    answers = await askEverything(t, stored, PERIODS);
  }, 120_000);

  it('(a) publishes every count of respondents as 0 or at least k, and shares only with n ≥ k', () => {
    const small = pictureFigures(answers).filter((f) => f.value !== null && f.value > 0 && f.value < K);
    expect(small).toEqual([]);
    for (const { body } of answers.pictures) {
      for (const p of body.problems) {
        if (p.survey.share !== null || p.survey.low !== null) expect(p.survey.rated).toBeGreaterThanOrEqual(K);
        if (p.pins.share !== null) {
          expect(body.respondents).toBeGreaterThanOrEqual(K);
          expect(p.pins.respondents).toBeGreaterThanOrEqual(K);
        }
      }
    }
    for (const { body } of answers.indices) {
      for (const group of body.periods.flatMap((p) => p.groups)) {
        expect(isSafe(valueOf(group.respondents)), JSON.stringify(group)).toBe(true);
        if (group.unsafe !== null) expect(group.respondents).toBeGreaterThanOrEqual(K);
      }
    }
  });

  it('(b) reveals no group of 1 … k − 1 by subtracting published figures over nested populations', () => {
    const leaks: string[] = [];
    const check = (difference: number, what: string) => {
      if (!isSafe(difference)) leaks.push(`${what} = ${difference}`);
    };
    const label = (f: Figure) => `${f.kind} in ${f.area === null ? 'all areas' : `district ${f.area}`} ${f.from}…${f.to} (${f.value})`;

    const figures = pictureFigures(answers);
    for (const kind of new Set(figures.map((f) => f.kind))) {
      const list = figures.filter((f) => f.kind === kind);
      for (const outer of list) {
        for (const inner of list) {
          if (outer === inner || !(outer.area === null || outer.area === inner.area) || outer.from > inner.from || inner.to > outer.to)
            continue;
          check(valueOf(outer.value) - valueOf(inner.value), `${label(outer)} − ${label(inner)}`);
        }
        if (outer.area === null) {
          const districts = list.filter((f) => f.area !== null && f.from === outer.from && f.to === outer.to);
          check(valueOf(outer.value) - districts.reduce((s, f) => s + valueOf(f.value), 0), `${label(outer)} − all districts`);
        }
      }
    }

    const index = (area: Area, breakdown: Breakdown) =>
      tableOf(
        must(
          answers.indices.find((i) => i.area === area && i.breakdown === breakdown),
          'the index answer',
        ).body,
      );
    for (const area of model.areas) {
      const where = area ?? 'all areas';
      for (const [halfYear, [from, to]] of Object.entries(HALF_YEARS)) {
        const total = valueOf(index(area, 'none')[halfYear]?.all);
        // The same people through two endpoints: the picture's respondents of the half-year and the index's.
        const picture = must(
          answers.pictures.find((p) => p.area === area && p.from === from && p.to === to),
          'the picture answer',
        ).body;
        check(valueOf(picture.respondents) - total, `picture respondents − index total, ${where} ${halfYear}`);
        for (const breakdown of ['gender', 'age_band'] as const) {
          const groups = index(area, breakdown)[halfYear] ?? {};
          for (const [group, n] of Object.entries(groups)) check(total - valueOf(n), `index total − ${group}, ${where} ${halfYear}`);
          check(
            total - Object.values(groups).reduce<number>((s, n) => s + valueOf(n), 0),
            `index total − shown ${breakdown} groups, ${where} ${halfYear}`,
          );
        }
      }
    }
    for (const breakdown of BREAKDOWNS) {
      const all = index(null, breakdown);
      for (const [halfYear, groups] of Object.entries(all)) {
        for (const [group, n] of Object.entries(groups)) {
          const inDistricts = model.areas.filter((a) => a !== null).map((a) => valueOf(index(a, breakdown)[halfYear]?.[group]));
          inDistricts.forEach((d, i) => check(valueOf(n) - d, `index ${group} all areas − district ${i}, ${halfYear}`));
          check(valueOf(n) - inDistricts.reduce((s, d) => s + d, 0), `index ${group} all areas − all districts, ${halfYear}`);
        }
      }
    }
    expect(leaks.slice(0, 10), `${leaks.length} differences below k`).toEqual([]);
  });

  it('(c) publishes sums of published atoms only, and no small group follows from all the figures together', () => {
    for (const { area, from, to, body } of answers.pictures) {
      expect(body.surveyMonths).toEqual({ from: from.slice(0, 7), to: to.slice(0, 7) });
      const published = Object.fromEntries(
        pictureFigures({ pictures: [{ area, from, to, body }], indices: [] }).map((f) => [f.kind, f.value]),
      );
      const expected = model.picture(area, from, to);
      for (const kind of Object.keys(published))
        expect(published[kind], `${kind} in ${area ?? 'all areas'} ${from}…${to}`).toBe(expected[kind] ?? null);
    }
    for (const { area, breakdown, body } of answers.indices)
      expect(tableOf(body), `${breakdown} in ${area ?? 'all areas'}`).toEqual(model.index(area, breakdown));

    // Unknowns: respondents per (area, month, gender, age band) — every cell, as an outsider
    // does not know which are empty. Each published count is one equation over them.
    const genders: string[] = GENDERS.map((g) => g ?? 'not_stated');
    const ages: string[] = AGES.map((a) => a ?? 'not_stated');
    const cellsPerArea = MONTHS.length * genders.length * ages.length;
    const cellOf = (area: Area, month: string, gender: string, age: string) =>
      model.areas.indexOf(area) * cellsPerArea +
      (MONTHS.indexOf(month) * genders.length + genders.indexOf(gender)) * ages.length +
      ages.indexOf(age);
    const size = model.areas.length * cellsPerArea;
    const truth = new Float64Array(size);
    for (const r of data.respondents) {
      const cell = cellOf(r.area, r.month, groupOf(r, 'gender'), groupOf(r, 'age_band'));
      truth[cell] = (truth[cell] ?? 0) + 1;
    }
    const vector = (keep: (area: Area, month: string, gender: string, age: string) => boolean) => {
      const v = new Float64Array(size);
      for (const area of model.areas)
        for (const month of MONTHS)
          for (const gender of genders) for (const age of ages) if (keep(area, month, gender, age)) v[cellOf(area, month, gender, age)] = 1;
      return v;
    };
    const attribute = (breakdown: Breakdown, gender: string, age: string) =>
      breakdown === 'gender' ? gender : breakdown === 'age_band' ? age : 'all';

    const equations = new RowSpace();
    for (const { area, from, to, body } of answers.pictures) {
      if (body.respondents === null) continue;
      const months = monthsOf(from, to);
      equations.add(vector((a, m) => model.scope(area).includes(a) && months.includes(m) && model.published(a, m)));
    }
    for (const { area, breakdown, body } of answers.indices) {
      for (const { period, groups } of body.periods) {
        for (const { group, respondents } of groups) {
          if (respondents === null) continue;
          const shownIn = new Set(model.scope(area).filter((a) => model.cells(a, period, breakdown).get(group) !== null));
          equations.add(
            vector(
              (a, m, g, age) =>
                shownIn.has(a) && halfYearOf(m) === period && model.published(a, m) && attribute(breakdown, g, age) === group,
            ),
          );
        }
      }
    }

    // Groups an attacker would like to single out: per area (or all) and month or half-year,
    // everyone, one gender or age band, all but one, or one of each; half-years also as their
    // published months only.
    const leaks: string[] = [];
    const times = [
      ...MONTHS.map((m) => ({ name: m, has: (month: string) => month === m, publishedOnly: false })),
      ...Object.keys(HALF_YEARS).flatMap((h) =>
        [false, true].map((publishedOnly) => ({ name: h, has: (month: string) => halfYearOf(month) === h, publishedOnly })),
      ),
    ];
    const attributes = [
      { name: 'everyone', has: () => true },
      ...genders.flatMap((g) => [
        { name: g, has: (gender: string) => gender === g },
        { name: `not ${g}`, has: (gender: string) => gender !== g },
      ]),
      ...ages.flatMap((a) => [
        { name: a, has: (_: string, age: string) => age === a },
        { name: `not ${a}`, has: (_: string, age: string) => age !== a },
      ]),
      ...genders.flatMap((g) => ages.map((a) => ({ name: `${g} ${a}`, has: (gender: string, age: string) => gender === g && age === a }))),
    ];
    for (const area of [undefined, ...model.areas]) {
      for (const time of times) {
        for (const attr of attributes) {
          const v = vector(
            (a, m, g, age) =>
              (area === undefined || a === area) && time.has(m) && (!time.publishedOnly || model.published(a, m)) && attr.has(g, age),
          );
          const n = v.reduce((s, x, i) => s + x * (truth[i] ?? 0), 0);
          if (n > 0 && n < K && equations.determines(v))
            leaks.push(
              `${attr.name} in ${area === undefined ? 'all areas' : (area ?? 'no district')} ${time.name}${time.publishedOnly ? ' (published months)' : ''} = ${n}`,
            );
        }
      }
    }
    expect(leaks.slice(0, 10), `${leaks.length} small groups determined`).toEqual([]);
  });

  it('ranks the same whatever order the data were stored in', async () => {
    const again = await store(t, `disclosure-${seed}-shuffled`, data, mulberry32(seed * 7919));
    const periods = [0, 2, 9].map((i) => must(PERIODS[i], `period ${i}`));
    const [first, second] = await Promise.all([askEverything(t, stored, periods), askEverything(t, again, periods)]);
    // Area ids differ between the two collaborations; names do not.
    const comparable = (a: Answers) => ({
      pictures: a.pictures.map(({ area, from, to, body }) => ({
        area,
        from,
        to,
        body: {
          ...body,
          area: body.area?.name ?? null,
          feltVsReported: { ...body.feltVsReported, places: body.feltVsReported.places.map(({ areaId: _, ...place }) => place) },
        },
      })),
      indices: a.indices,
    });
    expect(comparable(second)).toEqual(comparable(first));
    expect(first.pictures.some((p) => p.body.problems.some((q) => q.survey.share !== null))).toBe(true);
  }, 60_000);
});
