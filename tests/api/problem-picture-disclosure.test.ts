import { must } from '@lagesbild/shared';
import { mulberry32 } from '@lagesbild/shared/random';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  Model,
  RowSpace,
  groupOf,
  halfYearOf,
  isSafe,
  monthsOf,
  pictureFigures,
  tableOf,
  valueOf,
  type Figure,
} from '../support/disclosure-model';
import {
  AGES,
  BREAKDOWNS,
  GENDERS,
  HALF_YEARS,
  K,
  MONTHS,
  PERIODS,
  SEEDS,
  askEverything,
  generate,
  store,
  type Answers,
  type Area,
  type Breakdown,
  type Stored,
} from '../support/disclosure-world';
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
