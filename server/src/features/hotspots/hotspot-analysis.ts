/**
 * One analysis of the filtered points as this viewer may see them: the calibrated engine
 * (shared/src/hotspot/analyse.ts: OHSA-style scale, exact binomial Gi* inference, FDR over the
 * testable tests) and the per-cell tallies the answers are written from.
 */
import { feltSources, reportedSources, type AnalysisKind, type HotspotMeta, type PointSource } from '@lagesbild/shared';
import {
  MIN_CELLS,
  MIN_POINTS,
  analyseHotspots,
  filterPoints,
  polygonSet,
  populationLookup,
  type FilteredPoints,
  type Grid,
  type HotspotAnalysis,
  type InsideFn,
  type PointFilter,
} from '@lagesbild/shared/hotspot/index';
import type { JobBase, StudyAreaSpec } from './hotspot-compute';
import { viewerFilter } from './hotspot-disclosure';
import { tally, type CellTallies } from './hotspot-tally';

/** The FDR level of testability, `significantCells` and the places. */
export const ALPHA = 0.05;

export interface Analysis {
  points: FilteredPoints;
  result: HotspotAnalysis;
  grid: Grid;
  tallies: CellTallies;
}

export function insideFn(study: StudyAreaSpec): InsideFn | undefined {
  if (study.polygons.length === 0) return undefined;
  const set = polygonSet(study.polygons);
  return (x, y) => set.contains(x, y);
}

/** The points this viewer may see that pass `filter` (hotspot-disclosure.ts). */
export function viewerPoints(job: JobBase, filter: PointFilter): FilteredPoints {
  return filterPoints(job.columns, viewerFilter(filter, job.viewer));
}

/** Analyses `filter`'s points; a scale given (by the user, or kept from an earlier answer) is used as is. */
export function analyse(job: JobBase, filter: PointFilter, scale: { cellSize?: number; band?: number }): Analysis {
  const points = viewerPoints(job, filter);
  const result = analyseHotspots({
    xy: points.xy,
    bbox: job.studyArea.bbox,
    inside: insideFn(job.studyArea),
    cellSize: scale.cellSize,
    band: scale.band,
    alpha: ALPHA,
    population: job.population ? populationLookup(job.population) : undefined,
    measure: job.measure,
    narrowTo: job.narrowTo,
  });
  const grid: Grid = {
    originX: result.origin[0],
    originY: result.origin[1],
    cellSize: result.cellSize,
    cols: result.cols,
    rows: result.rows,
  };
  return { points, result, grid, tallies: tally(grid, job.studyArea.bbox, points, result.mask) };
}

export function insufficientOf(result: HotspotAnalysis, points: number | null): HotspotMeta['insufficient'] {
  if (!result.insufficient) return null;
  const { reason } = result.insufficient;
  if (result.pointsUsed < MIN_POINTS) return { code: 'too_few_points', reason, points, needed: MIN_POINTS };
  if (result.cellsInStudyArea < MIN_CELLS) return { code: 'too_few_cells', reason, points, needed: MIN_CELLS };
  return { code: 'no_variation', reason, points, needed: MIN_POINTS };
}

export const MEASURE_RULES = {
  count: 'A hot cell has more records near it than the study area’s average would put there.',
  rate:
    'A hot cell has more records near it than the residents living there would explain: records are expected in proportion to ' +
    'residents per grid square (SCB), and only populated squares are analysed.',
} as const;

export const ANALYSIS_RULE =
  'Survey pins (felt) and reports (reported: municipality, police, walks, dialogues) measure different things, so they are ' +
  'analysed apart: without a choice of sources the reported ones. Combining them is a choice of sources the user makes.';

/** Which measurement the chosen sources make: felt, reported, or both combined by the user. */
export function analysisKind(sources: readonly PointSource[]): HotspotMeta['analysis'] {
  const felt = sources.some((s) => (feltSources as readonly string[]).includes(s));
  const reported = sources.some((s) => (reportedSources as readonly string[]).includes(s));
  const kind: AnalysisKind = felt && reported ? 'combined' : felt ? 'felt' : 'reported';
  return { kind, sources: [...sources], rule: ANALYSIS_RULE };
}
