import { suppressCounts, type SafetyIndex } from '@lagesbild/shared';
import {
  HALF_YEARS,
  K,
  MONTHS,
  PINNED,
  RATED,
  type Answers,
  type Area,
  type Breakdown,
  type DataSet,
  type Respondent,
} from './disclosure-world';
/**
 * The disclosure rule stated independently of the server, for the disclosure property test:
 * the figures the API published, the model of what it may publish, and a row space to tell which
 * sums follow from the published figures together.
 */

/** One published count: which kind, over which population (area × requested days). */
export interface Figure {
  kind: string;
  area: Area;
  from: string;
  to: string;
  value: number | null;
}

export function pictureFigures(answers: Answers): Figure[] {
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
export const tableOf = (index: SafetyIndex): IndexTable =>
  Object.fromEntries(index.periods.map((p) => [p.period, Object.fromEntries(p.groups.map((g) => [g.group, g.respondents]))]));

/** Published numbers may be 0 or at least k; a difference may be 0 or at least k either way. */
export const isSafe = (n: number) => n === 0 || Math.abs(n) >= K;
export const valueOf = (n: number | null | undefined) => n ?? 0;

export const monthsOf = (from: string, to: string) => MONTHS.filter((m) => m >= from.slice(0, 7) && m <= to.slice(0, 7));
export const halfYearOf = (month: string) => `${month.slice(0, 4)}-H${Number(month.slice(5)) <= 6 ? 1 : 2}`;
export const groupOf = (r: Respondent, breakdown: Breakdown) =>
  breakdown === 'none' ? 'all' : ((breakdown === 'gender' ? r.gender : r.age) ?? 'not_stated');

/**
 * The rule, stated independently of the server: atoms are (district or none, month) for
 * respondents and evening-safety answers, (district or none, month, category) for ratings and
 * for pins (by the pin's district); an atom is published when it holds at least k people, and
 * every figure is the sum of the published atoms in its scope.
 */
export class Model {
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
export class RowSpace {
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
