import {
  DEFAULT_WEIGHTS,
  REPORT_SOURCES,
  categories,
  categoryLabel,
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
  type Weights,
} from '@lagesbild/shared';
import { polygonSet, runHotspotAnalysis, type MetricPolygon } from '@lagesbild/shared/hotspot/index';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { HttpError } from '../../plugins/errors';
import * as repo from './problem-picture-repository';

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

/** The period as days [from, to] inclusive; default: the twelve months up to today. */
export function resolvePeriod(from: string | undefined, to: string | undefined, today = new Date()): repo.Period {
  const end = to ? new Date(`${to}T00:00:00Z`) : new Date(`${isoDay(today)}T00:00:00Z`);
  const start = from ? new Date(`${from}T00:00:00Z`) : new Date(Date.UTC(end.getUTCFullYear() - 1, end.getUTCMonth(), end.getUTCDate() + 1));
  if (Number.isNaN(start.getTime()) || Number.isNaN(end.getTime())) throw new HttpError(400, 'INVALID_DATE', 'from and to must be real dates (YYYY-MM-DD)');
  const exclusiveEnd = new Date(end.getTime() + DAY);
  if (start >= exclusiveEnd) throw new HttpError(400, 'INVALID_PERIOD', 'from must be on or before to');
  if (exclusiveEnd.getTime() - start.getTime() > 10 * 366 * DAY) throw new HttpError(400, 'INVALID_PERIOD', 'the period may be at most ten years');
  return { from: start, to: exclusiveEnd };
}

function toMetric(geometry: AreaGeometry): MetricPolygon[] {
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  return polygons.map((rings) => rings.map((ring) => ring.flatMap(([lon = 0, lat = 0]) => wgs84ToSweref(lat, lon))));
}

/** Hot spots are counted as places: groups of touching hot cells (95 % or more after FDR). */
export function countHotSpots(classes: Int8Array, cols: number, rows: number): number {
  const seen = new Uint8Array(classes.length);
  let places = 0;
  const stack: number[] = [];
  for (let start = 0; start < classes.length; start++) {
    if (seen[start] || classes[start]! < 2) continue;
    places++;
    seen[start] = 1;
    stack.push(start);
    while (stack.length > 0) {
      const cell = stack.pop()!;
      const col = cell % cols;
      const row = (cell - col) / cols;
      for (let dr = -1; dr <= 1; dr++) {
        for (let dc = -1; dc <= 1; dc++) {
          const r = row + dr;
          const c = col + dc;
          if (r < 0 || r >= rows || c < 0 || c >= cols) continue;
          const next = r * cols + c;
          if (!seen[next] && classes[next]! >= 2) {
            seen[next] = 1;
            stack.push(next);
          }
        }
      }
    }
  }
  return places;
}

/** One grid for every category, so that their hot-spot counts compare: 250 m cells. */
const PICTURE_CELL_SIZE = 250;

/** Hot spots (places of 95 % or more after FDR) per category, from points with an exact place. */
async function hotspotCounts(db: Kysely<Database>, viewer: Viewer, period: repo.Period, area: AreaGeometry | null): Promise<Map<CategoryCode, number>> {
  const geometries = area ? [area] : await repo.studyAreas(db, viewer.collaborationId);
  const counts = new Map<CategoryCode, number>();
  if (geometries.length === 0) return counts;
  const study = polygonSet(geometries.flatMap(toMetric));
  if (!study.bbox) return counts;
  const points = await repo.exactPoints(db, viewer.collaborationId, period, null);
  const byCategory = new Map<CategoryCode, number[]>();
  for (const p of points) {
    if (!study.contains(p.x, p.y)) continue;
    const list = byCategory.get(p.category) ?? [];
    list.push(p.x, p.y);
    byCategory.set(p.category, list);
  }
  for (const [category, xy] of byCategory) {
    const result = runHotspotAnalysis({ xy: Float64Array.from(xy), bbox: study.bbox, inside: (x, y) => study.contains(x, y), cellSize: PICTURE_CELL_SIZE });
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
  const hideSurvey = problem.survey.rated < k;
  const hidePins = problem.pins.respondents < k;
  const entry: DisclosedProblem = {
    ...problem,
    survey: { ...problem.survey, share: hideSurvey ? null : problem.survey.share },
    pins: hidePins ? { count: null, respondents: null, share: null } : problem.pins,
    reports: hidePolice
      ? { total: null, ratePer1000: null, bySource: { ...problem.reports.bySource, police: null } }
      : problem.reports,
    // A total that includes a withheld police count would give it away, and so would its trend.
    trend: hidePolice ? { current: 0, previous: 0, change: null, p: 1, significant: false } : problem.trend,
  };
  return { entry, withheld: hidePolice || hideSurvey || hidePins };
}

function toEntry(p: DisclosedProblem, hidden: { survey: boolean; police: boolean }, locale: 'sv' | 'en', areaName: string | null): ProblemEntry {
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

function weightsOf(stored: Record<string, number> | null): Weights {
  return { ...DEFAULT_WEIGHTS, ...(stored ?? {}) };
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
    feltNotReported: byFelt.filter((p) => p.survey.share !== null && top(byFelt).has(p.category) && bottom(byReports).has(p.category)).map((p) => p.category),
    reportedNotFelt: byReports.filter((p) => p.reports.total > 0 && top(byReports).has(p.category) && bottom(byFelt).has(p.category)).map((p) => p.category),
  };
}

async function feltVersusReportedPlaces(db: Kysely<Database>, viewer: Viewer, period: repo.Period, k: number) {
  const districts = (await repo.districtFigures(db, viewer.collaborationId, period)).filter((d) => d.answered >= k && d.population);
  if (districts.length < 3) return [];
  const rank = (values: number[]) => values.map((v) => 1 + values.filter((o) => o > v).length);
  const felt = rank(districts.map((d) => d.unsafe / d.answered));
  const reported = rank(districts.map((d) => d.reports / d.population!));
  const gap = Math.ceil(districts.length / 2);
  return districts.flatMap((d, i) => {
    const f = felt[i]!;
    const r = reported[i]!;
    if (Math.abs(f - r) < gap) return [];
    return [{ areaId: d.id, name: d.name, kind: f < r ? ('felt' as const) : ('reported' as const), feltRank: f, reportedRank: r }];
  });
}

/**
 * The ranked problem picture for a period and an area (or the whole collaboration): evidence
 * per category from every source, ranked by the collaboration's weights, explained in a
 * sentence, with every figure that rests on a small group withheld.
 */
export async function problemPicture(db: Kysely<Database>, viewer: Viewer, request: PictureRequest): Promise<ProblemPicture> {
  const period = resolvePeriod(request.from, request.to);
  const length = period.to.getTime() - period.from.getTime();
  const previous = { from: new Date(period.from.getTime() - length), to: period.from };
  const settings = await repo.collaborationSettings(db, viewer.collaborationId);
  const k = settings.threshold;
  const area = request.areaId ? await repo.findArea(db, viewer.collaborationId, request.areaId) : undefined;
  if (request.areaId && !area) throw new HttpError(404, 'AREA_NOT_FOUND', 'no such area in your collaboration');
  const areaId = area?.id ?? null;

  const [respondents, ratings, pins, reports, hot] = await Promise.all([
    repo.respondentCount(db, viewer.collaborationId, period, areaId),
    repo.surveyRatings(db, viewer.collaborationId, period, areaId),
    repo.pinCounts(db, viewer.collaborationId, period, areaId),
    repo.reportCounts(db, viewer.collaborationId, period, previous.from, areaId),
    hotspotCounts(db, viewer, period, (area?.geometry as AreaGeometry | undefined) ?? null),
  ]);

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
    const rating = ratings.find((r) => r.category === code);
    const pin = pins.find((p) => p.category === code);
    return {
      category: code,
      survey: { rated: rating?.rated ?? 0, big: rating?.big ?? 0 },
      pins: { count: pin?.count ?? 0, respondents: pin?.respondents ?? 0 },
      reports: bySource,
      hotspots: hot.get(code) ?? 0,
    };
  });

  const weights = weightsOf(settings.weights);
  const population = area ? area.population : settings.population;
  const ranked = rankProblems(evidence, weights, { respondents, population, minRespondents: k });
  let withheld = respondents > 0 && respondents < k;
  const problems = ranked.map((p) => {
    const disclosed = disclose(p, policeCounts, viewer, k);
    withheld ||= disclosed.withheld;
    const hidden = { survey: p.survey.rated < k, police: disclosed.entry.reports.total === null };
    return toEntry(disclosed.entry, hidden, request.locale, area?.name ?? null);
  });
  return {
    period: { from: isoDay(period.from), to: isoDay(new Date(period.to.getTime() - DAY)) },
    previous: { from: isoDay(previous.from), to: isoDay(new Date(previous.to.getTime() - DAY)) },
    area: area ? { id: area.id, name: area.name, population: area.population } : null,
    respondents: respondents >= k ? respondents : null,
    threshold: k,
    weights,
    problems,
    feltVsReported: { ...feltVersusReported(ranked), places: areaId ? [] : await feltVersusReportedPlaces(db, viewer, period, k) },
    withheld,
  };
}

/**
 * The NTU-style share feeling unsafe walking alone late in the evening, per half-year, with
 * groups withheld below the threshold and complementary suppression so a hidden group cannot
 * be worked out as the total minus the others.
 */
export async function safetyIndex(db: Kysely<Database>, viewer: Viewer, areaId: string | undefined, breakdown: 'none' | 'gender' | 'age_band'): Promise<SafetyIndex> {
  if (areaId && !(await repo.findArea(db, viewer.collaborationId, areaId))) throw new HttpError(404, 'AREA_NOT_FOUND', 'no such area in your collaboration');
  const { threshold: k } = await repo.collaborationSettings(db, viewer.collaborationId);
  const rows = await repo.safetyAnswers(db, viewer.collaborationId, areaId ?? null, breakdown);
  const periods = [...new Set(rows.map((r) => r.period))].sort();
  return {
    threshold: k,
    breakdown,
    periods: periods.map((period) => {
      const groups = rows.filter((r) => r.period === period);
      const { cells } = suppressCounts(groups.map((g) => g.answered), k);
      return {
        period,
        groups: groups.map((g, i) => ({
          group: g.grp,
          respondents: cells[i] ?? null,
          unsafe: cells[i] === null || cells[i] === undefined ? null : g.unsafe / g.answered,
        })),
      };
    }),
  };
}

export async function currentWeights(db: Kysely<Database>, collaborationId: string): Promise<Weights> {
  return weightsOf((await repo.collaborationSettings(db, collaborationId)).weights);
}
