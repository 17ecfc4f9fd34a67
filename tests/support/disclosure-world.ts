import { randomUUID } from 'node:crypto';
import { must, wgs84ToSweref, type CategoryCode, type ProblemPicture, type SafetyIndex } from '@lagesbild/shared';
import { mulberry32 } from '@lagesbild/shared/random';
import { expect } from 'vitest';
import { createCollaboration, createUser, createVarnamoBoundary, loginAs } from './fixtures';
import { type TestApp } from './test-app';
/**
 * The generated world of the disclosure property test (tests/api/problem-picture-disclosure.test.ts):
 * data sets full of tiny groups, stored through the database, and every question the test asks
 * of the problem picture and the felt-safety index.
 */

export const K = 5;
export const SEEDS = [11, 23, 37, 41];
/** Twelve calendar months over three half-years: 2025-10 … 2026-09. */
export const MONTHS = Array.from({ length: 12 }, (_, i) => new Date(Date.UTC(2025, 9 + i, 1)).toISOString().slice(0, 7));
export const HALF_YEARS = {
  '2025-H2': ['2025-07-01', '2025-12-31'],
  '2026-H1': ['2026-01-01', '2026-06-30'],
  '2026-H2': ['2026-07-01', '2026-12-31'],
} as const;
/** Whole months, half-years, days cut off at either end, nested and shifted periods. */
export const PERIODS: readonly (readonly [string, string])[] = [
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
export const BREAKDOWNS = ['none', 'gender', 'age_band'] as const;
export type Breakdown = (typeof BREAKDOWNS)[number];
export const GENDERS = ['woman', 'man', 'other', 'no_answer', undefined] as const;
export const AGES = ['16-24', '25-44', '45-64', '65-79', '80+', undefined] as const;
export const RATED: CategoryCode[] = ['drugs', 'littering', 'lighting', 'violence'];
export const PINNED: CategoryCode[] = ['drugs', 'lighting', 'disorder'];
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
export type Area = number | null;

export interface Respondent {
  key: number;
  area: Area;
  at: Date;
  month: string;
  gender: string | undefined;
  age: string | undefined;
  answers: Record<string, unknown>;
  pins: { category: CategoryCode; area: Area }[];
}

export interface DataSet {
  districts: number;
  respondents: Respondent[];
  reports: { area: number; category: CategoryCode; at: Date }[];
}

/** 0–8 respondents per district (or none) and month, a quarter of them empty, on edge days often. */
export function generate(seed: number): DataSet {
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

export interface Stored {
  cookie: string;
  districtIds: string[];
}

/** Stores a data set in a collaboration of its own; with `random`, in a shuffled order. */
export async function store(t: TestApp, slug: string, data: DataSet, random?: () => number): Promise<Stored> {
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

export interface Answers {
  pictures: { area: Area; from: string; to: string; body: ProblemPicture }[];
  indices: { area: Area; breakdown: Breakdown; body: SafetyIndex }[];
}

export async function askEverything(t: TestApp, stored: Stored, periods: readonly (readonly [string, string])[]): Promise<Answers> {
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
