import {
  must,
  REPORT_SOURCES,
  categories,
  categoryLabel,
  countingAtoms,
  wholeMonths,
  explain,
  rankProblems,
  suppressCounts,
  wgs84ToSweref,
  type AreaGeometry,
  type CategoryCode,
  type CategoryEvidence,
  type CurrentUser,
  type DisclosedProblem,
  type ProblemEntry,
  type ProblemPicture,
  type RankedProblem,
  type SafetyIndex,
} from '@lagesbild/shared';
import { analyseHotspots, labelPlaces, polygonSet, type MetricPolygon } from '@lagesbild/shared/hotspot/index';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { HttpError } from '../../plugins/errors';
import * as areas from '../areas/area-service';
import { type Period } from '../../lib/period-sql';
import * as pointStore from '../points/point-service';
import * as repo from './problem-picture-repository';
import { weightsOf } from './weights-service';

const DAY = 86_400_000;

export interface PictureRequest {
  from?: string | undefined;
  to?: string | undefined;
  areaId?: string | undefined;
  locale: 'sv' | 'en';
}

/** Who reads the picture: police staff see police-only counts raw; everyone else only above the threshold. */
export interface Viewer {
  collaborationId: string;
  seesPoliceRaw: boolean;
}

export function viewerOf(user: CurrentUser): Viewer {
  return { collaborationId: user.collaboration.id, seesPoliceRaw: user.agency.kind === 'police' };
}

const isoDay = (d: Date) => d.toISOString().slice(0, 10);
const isoMonth = (d: Date) => d.toISOString().slice(0, 7);
const halfYearOf = (month: string) => `${month.slice(0, 4)}-H${Number(month.slice(5)) <= 6 ? 1 : 2}`;
/** An atom of disclosure control: an area (none: no district) and a month, perhaps split further. */
const atom = (...parts: (string | null)[]) => parts.join('/');

/** Sums the given numbers of the rows per key. */
function totals<F extends string, T extends Record<F, number>>(
  rows: readonly T[],
  keyOf: (row: T) => string,
  fields: readonly F[],
): Map<string, Record<F, number>> {
  const sums = new Map<string, Record<F, number>>();
  for (const row of rows) {
    const sum = sums.get(keyOf(row)) ?? (Object.fromEntries(fields.map((f) => [f, 0])) as Record<F, number>);
    for (const f of fields) sum[f] += row[f];
    sums.set(keyOf(row), sum);
  }
  return sums;
}

/** The period as days [from, to] inclusive; default: the twelve months up to today. */
export function resolvePeriod(from: string | undefined, to: string | undefined, today = new Date()): Period {
  const end = to ? new Date(`${to}T00:00:00Z`) : new Date(`${isoDay(today)}T00:00:00Z`);
  const start = from
    ? new Date(`${from}T00:00:00Z`)
    : new Date(Date.UTC(end.getUTCFullYear() - 1, end.getUTCMonth(), end.getUTCDate() + 1));
  if (Number.isNaN(start.getTime()) || Number.isNaN(end.getTime()))
    throw new HttpError(400, 'INVALID_DATE', 'from and to must be real dates (YYYY-MM-DD)');
  const exclusiveEnd = new Date(end.getTime() + DAY);
  if (start >= exclusiveEnd) throw new HttpError(400, 'INVALID_PERIOD', 'from must be on or before to');
  if (exclusiveEnd.getTime() - start.getTime() > 10 * 366 * DAY)
    throw new HttpError(400, 'INVALID_PERIOD', 'the period may be at most ten years');
  return { from: start, to: exclusiveEnd };
}

function toMetric(geometry: AreaGeometry): MetricPolygon[] {
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  return polygons.map((rings) => rings.map((ring) => ring.flatMap(([lon = 0, lat = 0]) => wgs84ToSweref(lat, lon))));
}

/** Hot spots are counted as places: groups of touching hot cells (adjusted p ≤ 0.05). */
export function countHotSpots(classes: Int8Array, cols: number, rows: number): number {
  return labelPlaces(classes, cols, rows, 1).count;
}

/** One grid for every category, so that their hot-spot counts compare: 250 m cells. */
const PICTURE_CELL_SIZE = 250;

/**
 * Hot spots per category (places of adjusted p ≤ 0.05), from points with an exact place, by the
 * map's calibrated analysis (exact binomial Gi*, the band chosen from each category's points).
 * Each record counts once, as on the map (POINT_COUNT_RULE).
 */
async function hotspotCounts(
  db: Kysely<Database>,
  viewer: Viewer,
  period: Period,
  area: AreaGeometry | null,
): Promise<Map<CategoryCode, number>> {
  const geometries = area ? [area] : await areas.studyAreas(db, viewer.collaborationId);
  const counts = new Map<CategoryCode, number>();
  if (geometries.length === 0) return counts;
  const study = polygonSet(geometries.flatMap(toMetric));
  if (!study.bbox) return counts;
  const points = await pointStore.exactPoints(db, viewer.collaborationId, period, null, viewer.seesPoliceRaw);
  const byCategory = new Map<CategoryCode, number[]>();
  for (const p of points) {
    if (!study.contains(p.x, p.y)) continue;
    const list = byCategory.get(p.category) ?? [];
    list.push(p.x, p.y);
    byCategory.set(p.category, list);
  }
  for (const [category, xy] of byCategory) {
    const result = analyseHotspots({
      xy: Float64Array.from(xy),
      bbox: study.bbox,
      inside: (x, y) => study.contains(x, y),
      cellSize: PICTURE_CELL_SIZE,
    });
    if (result.insufficient) continue;
    counts.set(category, countHotSpots(result.classes, result.cols, result.rows));
  }
  return counts;
}

function disclose(
  problem: RankedProblem,
  policeCounts: Map<CategoryCode, { current: number; previous: number }>,
  viewer: Viewer,
  k: number,
): { entry: DisclosedProblem; withheld: boolean } {
  const police = policeCounts.get(problem.category) ?? { current: 0, previous: 0 };
  const hidePolice = !viewer.seesPoliceRaw && ((police.current > 0 && police.current < k) || (police.previous > 0 && police.previous < k));
  // Survey and pin figures are sums of counting atoms (0 or at least k): an empty one is no figure.
  const hideSurvey = problem.survey.rated < k;
  const hidePins = problem.pins.respondents < k;
  const entry: DisclosedProblem = {
    ...problem,
    survey: { ...problem.survey, share: hideSurvey ? null : problem.survey.share },
    pins: hidePins ? { count: null, respondents: null, share: null } : problem.pins,
    reports: hidePolice ? { total: null, ratePer1000: null, bySource: { ...problem.reports.bySource, police: null } } : problem.reports,
    // A total that includes a withheld police count would give it away, and so would its trend.
    trend: hidePolice ? { current: 0, previous: 0, change: null, p: 1, significant: false } : problem.trend,
  };
  // Survey and pin atoms left out of their sums set `withheld` in problemPicture, where they are counted.
  return { entry, withheld: hidePolice };
}

function toEntry(
  p: DisclosedProblem,
  hidden: { survey: boolean; police: boolean },
  locale: 'sv' | 'en',
  areaName: string | null,
): ProblemEntry {
  return {
    rank: p.rank,
    category: p.category,
    label: categoryLabel(p.category, locale),
    score: Math.round(p.score * 10) / 10,
    components: p.components,
    contributions: p.contributions,
    survey: hidden.survey
      ? { rated: null, share: null, low: null, high: null }
      : { rated: p.survey.rated, share: p.survey.share, low: p.survey.low, high: p.survey.high },
    pins: p.pins,
    reports: {
      total: p.reports.total,
      ratePer1000: p.reports.ratePer1000,
      bySource: {
        municipality: p.reports.bySource.municipality ?? null,
        police: p.reports.bySource.police ?? null,
        walk: p.reports.bySource.walk ?? null,
        dialogue: p.reports.bySource.dialogue ?? null,
      },
    },
    trend: hidden.police
      ? { current: null, previous: null, change: null, p: null, significant: false }
      : { current: p.trend.current, previous: p.trend.previous, change: p.trend.change, p: p.trend.p, significant: p.trend.significant },
    hotspots: p.hotspots,
    explanation: explain(p, locale, areaName),
  };
}

/** Categories felt as large but seldom reported, and the reverse: ranks in the top and bottom thirds. */
function feltVersusReported(ranked: RankedProblem[]) {
  const candidates = ranked.filter((p) => p.category !== 'other');
  const third = Math.max(1, Math.floor(candidates.length / 3));
  const byFelt = [...candidates].sort((a, b) => (b.survey.share ?? -1) - (a.survey.share ?? -1) || a.category.localeCompare(b.category));
  const byReports = [...candidates].sort((a, b) => b.reports.total - a.reports.total || a.category.localeCompare(b.category));
  const top = (list: RankedProblem[]) => new Set(list.slice(0, third).map((p) => p.category));
  const bottom = (list: RankedProblem[]) => new Set(list.slice(-third).map((p) => p.category));
  return {
    feltNotReported: byFelt
      .filter((p) => p.survey.share !== null && top(byFelt).has(p.category) && bottom(byReports).has(p.category))
      .map((p) => p.category),
    reportedNotFelt: byReports
      .filter((p) => p.reports.total > 0 && top(byReports).has(p.category) && bottom(byFelt).has(p.category))
      .map((p) => p.category),
  };
}

async function feltVersusReportedPlaces(db: Kysely<Database>, viewer: Viewer, period: Period, months: Period, k: number) {
  const [districts, reportRows, answers] = await Promise.all([
    areas.districtPopulations(db, viewer.collaborationId),
    pointStore.reportsByArea(db, viewer.collaborationId, period),
    repo.safetyAtoms(db, viewer.collaborationId, months, null, 'none'),
  ]);
  const reports = new Map(reportRows.map((r) => [r.area_id, r.reports]));
  // Only ranks are shown, but even they rest on the counting atoms alone.
  const felt = totals(
    countingAtoms(
      answers,
      (r) => atom(r.area_id, r.month),
      (r) => r.answered,
      k,
    ).rows,
    (r) => atom(r.area_id),
    ['answered', 'unsafe'],
  );
  const figures = districts.flatMap((d) => {
    const f = felt.get(d.id);
    return f && f.answered >= k && d.population ? [{ ...d, ...f, population: d.population, reports: reports.get(d.id) ?? 0 }] : [];
  });
  if (figures.length < 3) return [];
  const rank = (values: number[]) => values.map((v) => 1 + values.filter((o) => o > v).length);
  const feltRanks = rank(figures.map((d) => d.unsafe / d.answered));
  const reportedRanks = rank(figures.map((d) => d.reports / d.population));
  const gap = Math.ceil(figures.length / 2);
  return figures.flatMap((d, i) => {
    const f = must(feltRanks[i], 'the felt rank');
    const r = must(reportedRanks[i], 'the reported rank');
    if (Math.abs(f - r) < gap) return [];
    return [{ areaId: d.id, name: d.name, kind: f < r ? ('felt' as const) : ('reported' as const), feltRank: f, reportedRank: r }];
  });
}

/**
 * The ranked problem picture for a period and an area (or the whole collaboration): evidence
 * per category from every source, ranked by the collaboration's weights, explained in a
 * sentence, with every figure that rests on a small group withheld. Survey figures cover the
 * whole months the period touches and are sums of area-months (per category) of at least k
 * respondents only, so that no two pictures can be subtracted to reveal a small group.
 */
export async function problemPicture(db: Kysely<Database>, viewer: Viewer, request: PictureRequest): Promise<ProblemPicture> {
  const period = resolvePeriod(request.from, request.to);
  const length = period.to.getTime() - period.from.getTime();
  const previous = { from: new Date(period.from.getTime() - length), to: period.from };
  const settings = await repo.collaborationSettings(db, viewer.collaborationId);
  const k = settings.threshold;
  const area = request.areaId ? await areas.findArea(db, viewer.collaborationId, request.areaId) : undefined;
  if (request.areaId && !area) throw new HttpError(404, 'AREA_NOT_FOUND', 'no such area in your collaboration');
  const areaId = area?.id ?? null;
  const months = wholeMonths(period);

  const [respondentRows, ratingRows, pinRows, reports, hot] = await Promise.all([
    repo.respondentAtoms(db, viewer.collaborationId, months, areaId),
    repo.ratingAtoms(db, viewer.collaborationId, months, areaId),
    pointStore.pinAtoms(db, viewer.collaborationId, months, areaId),
    pointStore.reportCounts(db, viewer.collaborationId, period, previous.from, areaId),
    hotspotCounts(db, viewer, period, area?.geometry ?? null),
  ]);
  const counted = {
    respondents: countingAtoms(
      respondentRows,
      (r) => atom(r.area_id, r.month),
      (r) => r.n,
      k,
    ),
    ratings: countingAtoms(
      ratingRows,
      (r) => atom(r.area_id, r.month, r.category),
      (r) => r.rated,
      k,
    ),
    pins: countingAtoms(
      pinRows,
      (r) => atom(r.area_id, r.month, r.category),
      (r) => r.respondents,
      k,
    ),
  };
  const respondents = counted.respondents.rows.reduce((sum, r) => sum + r.n, 0);
  const ratings = totals(counted.ratings.rows, (r) => r.category, ['rated', 'big']);
  const pins = totals(counted.pins.rows, (r) => r.category, ['count', 'respondents']);

  const policeCounts = new Map<CategoryCode, { current: number; previous: number }>();
  const evidence: CategoryEvidence[] = categories.map(({ code }) => {
    const bySource = Object.fromEntries(REPORT_SOURCES.map((s) => [s, { current: 0, previous: 0 }])) as CategoryEvidence['reports'];
    for (const row of reports.filter((r) => r.category === code)) {
      bySource[row.source].current += row.current;
      bySource[row.source].previous += row.previous;
      if (row.police_only) {
        const police = policeCounts.get(code) ?? { current: 0, previous: 0 };
        policeCounts.set(code, { current: police.current + row.current, previous: police.previous + row.previous });
      }
    }
    return {
      category: code,
      survey: ratings.get(code) ?? { rated: 0, big: 0 },
      pins: pins.get(code) ?? { count: 0, respondents: 0 },
      reports: bySource,
      hotspots: hot.get(code) ?? 0,
    };
  });

  const weights = weightsOf(settings.weights);
  const population = area ? area.population : settings.population;
  const ranked = rankProblems(evidence, weights, { respondents, population, minRespondents: k });
  let withheld = Object.values(counted).some((c) => c.withheld);
  const problems = ranked.map((p) => {
    const disclosed = disclose(p, policeCounts, viewer, k);
    withheld ||= disclosed.withheld;
    const hidden = { survey: p.survey.rated < k, police: disclosed.entry.reports.total === null };
    return toEntry(disclosed.entry, hidden, request.locale, area?.name ?? null);
  });
  return {
    period: { from: isoDay(period.from), to: isoDay(new Date(period.to.getTime() - DAY)) },
    previous: { from: isoDay(previous.from), to: isoDay(new Date(previous.to.getTime() - DAY)) },
    surveyMonths: { from: isoMonth(months.from), to: isoMonth(new Date(months.to.getTime() - DAY)) },
    area: area ? { id: area.id, name: area.name, population: area.population } : null,
    respondents: respondents >= k ? respondents : null,
    threshold: k,
    weights,
    problems,
    feltVsReported: { ...feltVersusReported(ranked), places: areaId ? [] : await feltVersusReportedPlaces(db, viewer, period, months, k) },
    withheld,
  };
}

/**
 * The NTU-style share feeling unsafe walking alone late in the evening, per half-year. Like the
 * picture's figures, it counts only area-months of at least k answers (so the index and the
 * picture count the same atoms); a breakdown is suppressed per area and half-year (a small
 * group and, complementarily, enough others), and the all-areas figures are sums of the cells
 * published for each area, so neither a district's nor the no-district answers can be worked
 * out as all areas minus the others.
 */
export async function safetyIndex(
  db: Kysely<Database>,
  viewer: Viewer,
  areaId: string | undefined,
  breakdown: 'none' | 'gender' | 'age_band',
): Promise<SafetyIndex> {
  if (areaId && !(await areas.areaExists(db, viewer.collaborationId, areaId)))
    throw new HttpError(404, 'AREA_NOT_FOUND', 'no such area in your collaboration');
  const { threshold: k } = await repo.collaborationSettings(db, viewer.collaborationId);
  const rows = await repo.safetyAtoms(db, viewer.collaborationId, null, areaId ?? null, breakdown);
  const counted = countingAtoms(
    rows,
    (r) => atom(r.area_id, r.month),
    (r) => r.answered,
    k,
  ).rows;
  const periods = [...new Set(counted.map((r) => halfYearOf(r.month)))].sort();
  return {
    threshold: k,
    breakdown,
    periods: periods.map((period) => {
      const inPeriod = counted.filter((r) => halfYearOf(r.month) === period);
      const groups = [...new Set(inPeriod.map((r) => r.grp))].sort();
      const shown = groups.map((group) => ({ group, answered: 0, unsafe: 0 }));
      for (const area of new Set(inPeriod.map((r) => r.area_id))) {
        const cells = totals(
          inPeriod.filter((r) => r.area_id === area),
          (r) => r.grp,
          ['answered', 'unsafe'],
        );
        const { cells: published } = suppressCounts(
          groups.map((g) => cells.get(g)?.answered ?? 0),
          k,
        );
        published.forEach((n, i) => {
          // Hidden (null) and empty (0) cells add nothing.
          if (!n) return;
          const slot = must(shown[i], 'the group');
          slot.answered += n;
          slot.unsafe += must(cells.get(slot.group), "the group's figures").unsafe;
        });
      }
      return {
        period,
        groups: shown.map(({ group, answered, unsafe }) => ({
          group,
          respondents: answered || null,
          unsafe: answered ? unsafe / answered : null,
        })),
      };
    }),
  };
}
