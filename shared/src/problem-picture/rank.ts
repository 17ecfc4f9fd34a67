import { reportedSources, type CategoryCode } from '../taxonomy';
import { trend, wilson, type Trend } from './stats';
import { must } from '../must';

/** The reported sources (taxonomy.ts), in the order the picture lists them. */
export const REPORT_SOURCES = reportedSources;
export type ReportSource = (typeof REPORT_SOURCES)[number];

/** What is known about one category in the chosen period and area (raw counts, before disclosure). */
export interface CategoryEvidence {
  category: CategoryCode;
  /** Respondents who rated this category, and how many called it a big or fairly big problem. */
  survey: { rated: number; big: number };
  /** Survey pins of this category, and how many respondents placed at least one. */
  pins: { count: number; respondents: number };
  /** Reports per source in this period and in the previous period of equal length. */
  reports: Record<ReportSource, { current: number; previous: number }>;
  /** Grid cells that are significant hot spots (95 % or more after FDR) for this category. */
  hotspots: number;
}

export interface Weights {
  survey: number;
  pins: number;
  reports: number;
  trend: number;
  hotspots: number;
}

export const DEFAULT_WEIGHTS: Weights = { survey: 35, pins: 15, reports: 25, trend: 15, hotspots: 10 };
export const COMPONENTS = ['survey', 'pins', 'reports', 'trend', 'hotspots'] as const;
export type Component = (typeof COMPONENTS)[number];

export interface RankedProblem {
  rank: number;
  category: CategoryCode;
  /** 0–100: the weighted mean of the components. */
  score: number;
  /** Each component on 0–1, before weighting. */
  components: Record<Component, number>;
  /** Each component's share of the score, in score points. */
  contributions: Record<Component, number>;
  survey: { rated: number; big: number; share: number | null; low: number | null; high: number | null };
  pins: { count: number; respondents: number; share: number | null };
  reports: { total: number; ratePer1000: number | null; bySource: Record<ReportSource, number> };
  trend: Trend;
  hotspots: number;
}

export interface RankContext {
  /** Respondents in the period and area (the denominator of pin shares). */
  respondents: number;
  /** Inhabitants of the area, when known: reports become a rate per 1,000. */
  population: number | null;
  /** Below this many, a survey share is not a figure (disclosure control). */
  minRespondents: number;
}

function reportTotals(e: CategoryEvidence): { current: number; previous: number } {
  return REPORT_SOURCES.reduce(
    (sum, s) => ({ current: sum.current + e.reports[s].current, previous: sum.previous + e.reports[s].previous }),
    { current: 0, previous: 0 },
  );
}

/**
 * The transparent score: every component is on 0–1 (shares as they are; counts relative to the
 * largest category), weighted and averaged. Rising reports count only when the rise is
 * significant. Ties break by category code, so the order never depends on input order.
 */
export function rankProblems(evidence: readonly CategoryEvidence[], weights: Weights, context: RankContext): RankedProblem[] {
  const totals = evidence.map(reportTotals);
  const maxReports = Math.max(0, ...totals.map((t) => t.current));
  const maxPins = Math.max(0, ...evidence.map((e) => e.pins.respondents));
  const maxHotspots = Math.max(0, ...evidence.map((e) => e.hotspots));
  const weightSum = COMPONENTS.reduce((sum, c) => sum + Math.max(0, weights[c]), 0) || 1;

  const scored = evidence.map((e, i) => {
    const total = must(totals[i], 'report totals of an area');
    const t = trend(total.current, total.previous);
    const enoughSurvey = e.survey.rated >= context.minRespondents;
    const surveyShare = enoughSurvey ? e.survey.big / e.survey.rated : null;
    const interval = enoughSurvey ? wilson(e.survey.big, e.survey.rated) : null;
    const pinShare = context.respondents >= context.minRespondents ? e.pins.respondents / context.respondents : null;
    const components: Record<Component, number> = {
      survey: surveyShare ?? 0,
      pins: maxPins > 0 ? e.pins.respondents / maxPins : 0,
      reports: maxReports > 0 ? total.current / maxReports : 0,
      trend:
        t.significant && t.change !== null && t.change > 0
          ? Math.min(1, t.change)
          : t.significant && t.previous === 0 && t.current > 0
            ? 1
            : 0,
      hotspots: maxHotspots > 0 ? e.hotspots / maxHotspots : 0,
    };
    const contributions = Object.fromEntries(
      COMPONENTS.map((c) => [c, (100 * Math.max(0, weights[c]) * components[c]) / weightSum]),
    ) as Record<Component, number>;
    const score = COMPONENTS.reduce((sum, c) => sum + contributions[c], 0);
    return {
      rank: 0,
      category: e.category,
      score,
      components,
      contributions,
      survey: { rated: e.survey.rated, big: e.survey.big, share: surveyShare, low: interval?.low ?? null, high: interval?.high ?? null },
      pins: { count: e.pins.count, respondents: e.pins.respondents, share: pinShare },
      reports: {
        total: total.current,
        ratePer1000: context.population ? (1000 * total.current) / context.population : null,
        bySource: Object.fromEntries(REPORT_SOURCES.map((s) => [s, e.reports[s].current])) as Record<ReportSource, number>,
      },
      trend: t,
      hotspots: e.hotspots,
    } satisfies RankedProblem;
  });
  scored.sort((a, b) => b.score - a.score || a.category.localeCompare(b.category));
  scored.forEach((p, i) => (p.rank = i + 1));
  return scored;
}
