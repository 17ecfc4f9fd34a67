/** The `meta` of a hot-spot answer: the scale and every choice behind it, the method, the totals, the places. */
import { CONFIDENCE_LEVELS, MIN_POINTS } from '@lagesbild/shared/hotspot/index';
import { POINT_COUNT_RULE, pointSources, type HotspotMeta, type PointSource } from '@lagesbild/shared';
import { ALPHA, MEASURE_RULES, analysisKind, insufficientOf, type Analysis } from './hotspot-analysis';
import { clusters } from './hotspot-clusters';
import type { HotspotJob } from './hotspot-compute';
import { disclosureMeta } from './hotspot-disclosure';
import { heatRaster, nodeProjector } from './hotspot-raster';

export function hotspotMeta(job: HotspotJob, a: Analysis, cellsReturned: number, started: number): HotspotMeta {
  const { result, tallies, points } = a;
  const total = result.pointsUsed;
  return {
    cellSize: result.cellSize,
    band: result.band,
    densityBandwidth: result.densityBandwidth,
    defaults: { cellSize: result.defaulted.cellSize, band: result.defaulted.band },
    points: total,
    pointsBySource: Object.fromEntries(pointSources.map((s, i) => [s, tallies.usedBySource[i] ?? 0])) as Record<PointSource, number>,
    pointsAreaOnly: points.areaOnly,
    pointsOutsideStudyArea: result.pointsOutsideBBox + result.pointsOutsideStudyArea,
    cellsInStudyArea: result.cellsInStudyArea,
    cellsReturned,
    hotSpots: result.hotCells,
    coldSpots: result.coldCells,
    significantCells: result.significantCells,
    alpha: ALPHA,
    fdr: 'benjamini-hochberg',
    levels: [...CONFIDENCE_LEVELS],
    method: result.meta.inference,
    choices: result.meta.choices,
    legend: result.meta.legend,
    analysis: analysisKind(job.normalised.sources),
    measure: { kind: job.measure, rule: MEASURE_RULES[job.measure] },
    counting: POINT_COUNT_RULE,
    minPoints: MIN_POINTS,
    insufficient: insufficientOf(result, total),
    studyArea: {
      kind: job.studyArea.kind,
      names: job.studyArea.names,
      populatedOnly: job.narrowTo === 'populated' || job.measure === 'rate',
    },
    filter: job.normalised,
    disclosure: disclosureMeta(job.viewer),
    heat: points.index.length > 0 ? heatRaster(result, nodeProjector(a.grid)) : null,
    clusters: clusters(job, a),
    dataVersion: job.dataVersion,
    computedMs: Math.round((performance.now() - started) * 10) / 10,
  };
}
