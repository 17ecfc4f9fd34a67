/**
 * The calibrated hot-spot analysis: points → scale (scale.ts: outliers left out, band at the
 * first ISA peak, cell size from the band) → grid counts → exact conditional Gi* inference over
 * the testable cells (inference.ts) → Gi_Bin classes, plus the kernel density surface, and a
 * `meta` that says what was chosen, why, and how p was computed. Pure and synchronous.
 *
 * A null map — points scattered uniformly over the study area — shows a hot cell at adjusted
 * p <= 0.05 on at most a few per cent of maps (calibration.test.ts measures it).
 */
import { quarticDensity } from './density';
import type { Grid, InsideFn } from './grid';
import { cellCoverage, countPoints, makeGrid, studyAreaMask } from './grid';
import type { ExactInferenceMethod, LatticeInference } from './inference';
import { exactLatticeInference } from './inference';
import type { HotspotLegend } from './legend';
import { hotspotLegend } from './legend';
import type { HotspotResult } from './pipeline';
import { insufficientData, validateOptions } from './pipeline';
import type { ScaleChoices } from './scale';
import { chooseScale } from './scale';
import type { BBox } from './spatial-index';
import { minimumExpectedForCold } from './testability';
import type { PopulationLookup } from './population';
import { populatedInside, populationExposure } from './population';

/** What a cell's expected count is proportional to, and which land the study area keeps. */
export type HotspotMeasure = 'count' | 'rate';
export type StudyAreaNarrowing = 'none' | 'populated';

export interface AnalyseOptions {
  /** Interleaved x0, y0, x1, y1, … in SWEREF 99 TM metres; one record each (exact inference counts them). */
  xy: Float64Array;
  /** Study-area bounding box [minX, minY, maxX, maxY], metres. Points outside are ignored. */
  bbox: BBox;
  /** Whether a point lies in the study area (cells whose centre it accepts are analysed). */
  inside?: InsideFn;
  /** Cell size in metres (50–1000), e.g. kept from an earlier answer. Default: chosen from the band. */
  cellSize?: number;
  /** Distance band in metres. Default: the first peak of incremental spatial autocorrelation. */
  band?: number;
  /** FDR level for testability and `significantCells`. Default 0.05. */
  alpha?: number;
  /** Kernel density bandwidth in metres. Default: the band. */
  densityBandwidth?: number;
  /**
   * Expected share per cell under the null (e.g. residents per cell for "more than expected for
   * the number of residents"). Default: each cell's share inside the study area.
   */
  exposure?: (grid: Grid, mask: Uint8Array | undefined) => Float64Array;
  /**
   * Residents per grid square. With `measure: 'rate'` they are the exposure ("more than expected
   * for the number of residents"); with `narrowTo: 'populated'` (implied by rate) only cells whose
   * centre lies in a populated square are analysed.
   */
  population?: PopulationLookup;
  measure?: HotspotMeasure;
  narrowTo?: StudyAreaNarrowing;
}

export interface AnalysisMeta {
  inference: ExactInferenceMethod & {
    exposure: 'study-area coverage' | 'uniform' | 'given' | 'residents';
    /** Size of the BH family, by side, and the cells that had no cold test. */
    tests: LatticeInference['family'];
  };
  choices: ScaleChoices;
  legend: Record<'sv' | 'en', HotspotLegend>;
}

/**
 * The same shape as `runHotspotAnalysis`'s result, so code drawing that result draws this one;
 * but `p` is the exact one-sided p of each cell's reported direction (NaN: the cell had no
 * test), `pAdjusted` its BH value within the family of testable tests, and `z` esda's analytic
 * Gi* z for display and ordering only.
 */
export interface HotspotAnalysis extends HotspotResult {
  /** Points within the band of each cell, and their null expectation (NaN outside). */
  localSum: Float64Array;
  expected: Float64Array;
  /** HOT_TEST | COLD_TEST bits: which directions each cell was tested in. */
  testable: Uint8Array;
  hotCells: number;
  coldCells: number;
  meta: AnalysisMeta;
}

/** Runs the calibrated analysis (see the module comment). RangeError on bad parameters. */
export function analyseHotspots(options: AnalyseOptions): HotspotAnalysis {
  const { xy, bbox } = options;
  const alpha = validateOptions(options);
  const measure = options.measure ?? 'count';
  const narrowTo = measure === 'rate' ? 'populated' : (options.narrowTo ?? 'none');
  const { population } = options;
  if (narrowTo === 'populated' && !population) throw new RangeError(`a ${measure} analysis of populated land needs a population grid`);
  const inside = narrowTo === 'populated' && population ? populatedInside(population, options.inside) : options.inside;
  const scale = chooseScale({ xy, bbox, inside, cellSize: options.cellSize, band: options.band });
  const { cellSize, band } = scale;
  const grid = makeGrid(bbox, cellSize);
  const cells = grid.cols * grid.rows;
  let mask: Uint8Array | undefined;
  let cellsInStudyArea = cells;
  if (inside) ({ mask, cellsInStudyArea } = studyAreaMask(grid, inside));
  const counted = countPoints(grid, bbox, xy, undefined, mask);
  const { counts, pointsUsed } = counted;
  const exposure =
    measure === 'rate' && population && mask && inside
      ? populationExposure(grid, mask, inside, population)
      : options.exposure
        ? options.exposure(grid, mask)
        : mask && inside
          ? cellCoverage(grid, mask, inside)
          : undefined;
  const densityBandwidth = options.densityBandwidth ?? band;
  const density = quarticDensity(counts, grid.cols, grid.rows, cellSize, densityBandwidth);
  if (mask) for (let k = 0; k < cells; k++) if (mask[k] === 0) density[k] = Number.NaN;

  const insufficient = insufficientData(pointsUsed, cellsInStudyArea, cellSize, counts, mask);
  const inference = exactLatticeInference({ counts, cols: grid.cols, rows: grid.rows, cellSize, band, mask, exposure, alpha });
  if (insufficient) {
    for (const a of [inference.z, inference.p, inference.pAdjusted]) a.fill(Number.NaN);
    inference.classes.fill(0);
    inference.testable.fill(0);
    inference.significantCells = 0;
  }
  let hotCells = 0;
  let coldCells = 0;
  for (const c of inference.classes) {
    if (c > 0) hotCells++;
    else if (c < 0) coldCells++;
  }
  // The mean count actually reached on the final grid (the choice used an estimate).
  scale.choices.cellSize.meanCount = Math.round((pointsUsed / Math.max(1, cellsInStudyArea)) * 100) / 100;
  const legendParams = { band, cellSize, minimumExpectedForCold: minimumExpectedForCold(pointsUsed, alpha) };
  const result: HotspotAnalysis = {
    cellSize,
    band,
    densityBandwidth,
    defaulted: { cellSize: options.cellSize === undefined, band: options.band === undefined },
    cols: grid.cols,
    rows: grid.rows,
    origin: [grid.originX, grid.originY],
    counts,
    localSum: inference.localSum,
    expected: inference.expected,
    z: inference.z,
    p: inference.p,
    pAdjusted: inference.pAdjusted,
    classes: inference.classes,
    testable: inference.testable,
    density,
    mask,
    alpha,
    significantCells: inference.significantCells,
    hotCells,
    coldCells,
    pointsUsed,
    pointsOutsideBBox: counted.pointsOutsideBBox,
    pointsOutsideStudyArea: counted.pointsOutsideStudyArea,
    cellsInStudyArea,
    meta: {
      inference: {
        ...inference.method,
        exposure: measure === 'rate' ? 'residents' : options.exposure ? 'given' : inside ? 'study-area coverage' : 'uniform',
        tests: inference.family,
      },
      choices: scale.choices,
      legend: { sv: hotspotLegend('sv', legendParams), en: hotspotLegend('en', legendParams) },
    },
  };
  if (insufficient) result.insufficient = insufficient;
  return result;
}
