/**
 * Default distance band and cell size in the spirit of ArcGIS Optimized Hot Spot Analysis
 * (OHSA), with every choice and its reason returned for `meta`.
 *
 * 1. Locational outliers (locations.ts) are left out of every step below; they are still
 *    analysed. So one isolated record cannot set the scale of the whole map.
 * 2. Incremental spatial autocorrelation (moran.ts) on a fine lattice of the inlier counts.
 *    The lattice pitch follows OHSA's fishnet rule — the larger of the mean and median
 *    nearest-neighbour distance, times max(2, their ratio) — rounded to a nice size, finer if
 *    ten steps would not fit in the study area's standard distance. As in OHSA
 *    with a study-area boundary, the distances start at one lattice step (every cell has a
 *    neighbour), grow by one step, ten of them, and stop at the standard distance of the study
 *    area. The band is the distance of the first peak of Moran's I z (z > 1.65).
 * 3. No peak: OHSA's fallback, the mean distance to the k-th nearest neighbour,
 *    k = 5 % of the (inlier) locations within [3, 30], at most the standard distance.
 * 4. The cell size resolves the band without pretending to finer detail: the smallest nice size
 *    in [band/4, band/2] whose mean count per study-area cell is at least MIN_MEAN_COUNT, else
 *    the largest there (data too sparse for the finer ones).
 */
import { MAX_DEFAULT_CELLS, NICE_CELL_SIZES, roundCellSize } from './defaults';
import type { InsideFn } from './grid';
import { MAX_CELL_SIZE, MIN_CELL_SIZE, countPoints, makeGrid, studyAreaMask } from './grid';
import { distinctLocations, hashSample, locationalOutliers } from './locations';
import { ISA_STEPS, incrementalSpatialAutocorrelation, isaDistances } from './moran';
import type { BBox } from './spatial-index';
import { buildPointIndex, kthNearestDistance } from './spatial-index';
import { must } from '../must';

/** The cell size aims at least this many records per study-area cell on average. */
export const MIN_MEAN_COUNT = 1;
/** The ISA lattice never has more cells than this (its pitch grows instead). */
export const MAX_ISA_CELLS = 100_000;
/** kNN fallback: k = 5 % of the locations, within [3, 30]; at most this many distances averaged. */
export const KNN_SHARE = 0.05;
export const KNN_MIN = 3;
export const KNN_MAX = 30;
export const KNN_SAMPLE = 5_000;

export interface ScaleOptions {
  xy: Float64Array;
  bbox: BBox;
  inside?: InsideFn;
  /** Given by the user: kept as they are (the other is still chosen). */
  cellSize?: number;
  band?: number;
}

export interface OutlierChoice {
  rule: string;
  fence: number;
  q1: number;
  q3: number;
  medianNearestNeighbour: number;
  locations: number;
  outlierLocations: number;
  outlierPoints: number;
}

export interface BandChoice {
  value: number;
  source: 'given' | 'isa-first-peak' | 'knn-mean-distance' | 'fallback';
  reason: string;
  isa?: { latticeCellSize: number; distances: number[]; z: number[]; firstPeak: number | null };
  knn?: { k: number; meanDistance: number; standardDistance: number };
}

export interface CellSizeChoice {
  value: number;
  source: 'given' | 'band-fraction' | 'fallback';
  reason: string;
  /** The range [band/4, band/2] the size was picked from. */
  range: [number, number];
  /** Mean records per study-area cell at this size (as counted on the final grid by analyseHotspots). */
  meanCount: number;
  minMeanCount: number;
}

export interface ScaleChoices {
  locationalOutliers: OutlierChoice | null;
  band: BandChoice;
  cellSize: CellSizeChoice;
}

export interface ChosenScale {
  cellSize: number;
  band: number;
  choices: ScaleChoices;
}

const round1 = (v: number) => Math.round(v * 10) / 10;

/** Standard distance (√(var x + var y)) of the study-area cell centres of a lattice. */
function standardDistance(grid: ReturnType<typeof makeGrid>, mask: Uint8Array | undefined): number {
  let n = 0;
  let sx = 0;
  let sy = 0;
  let sxx = 0;
  let syy = 0;
  for (let r = 0; r < grid.rows; r++) {
    for (let c = 0; c < grid.cols; c++) {
      if (mask && mask[r * grid.cols + c] === 0) continue;
      const x = (c + 0.5) * grid.cellSize;
      const y = (r + 0.5) * grid.cellSize;
      n++;
      sx += x;
      sy += y;
      sxx += x * x;
      syy += y * y;
    }
  }
  return n > 0 ? Math.sqrt(Math.max(0, sxx / n - (sx / n) ** 2 + syy / n - (sy / n) ** 2)) : 0;
}

function isaLattice(bbox: BBox, pitch: number, inside: InsideFn | undefined) {
  const grid = makeGrid(bbox, pitch);
  const mask = inside ? studyAreaMask(grid, inside).mask : undefined;
  const maskCells = mask ? mask.reduce((s, v) => s + v, 0) : grid.cols * grid.rows;
  return { grid, mask, maskCells, sd: standardDistance(grid, mask) };
}

/** Whether z falls from the first distance to the second. */
function fallsFromTheStart([first, second]: readonly number[]): boolean {
  return first !== undefined && second !== undefined && first > second;
}

/** The largest nice cell size at most `limit` and at least `coarsest`, if any. */
function finerPitch(limit: number, coarsest: number): number | undefined {
  return NICE_CELL_SIZES.filter((size) => size <= limit && size >= coarsest).pop();
}

function isaOn(lattice: ReturnType<typeof isaLattice>, counts: Float64Array, pitch: number) {
  const { grid, mask, sd } = lattice;
  return incrementalSpatialAutocorrelation(
    { values: counts, cols: grid.cols, rows: grid.rows, cellSize: pitch, mask },
    isaDistances(pitch * 1.0001, pitch, sd), // OHSA's 1.0001 slack for rounding
  );
}

/** The cell size for a band (step 4 of the module comment). */
export function cellSizeForBand(band: number, points: number, studyArea: number, bbox: BBox): CellSizeChoice {
  const [minX, minY, maxX, maxY] = bbox;
  const floor = Math.max(MIN_CELL_SIZE, Math.sqrt(((maxX - minX) * (maxY - minY)) / MAX_DEFAULT_CELLS));
  const range: [number, number] = [band / 4, band / 2];
  const meanCount = (size: number) => (studyArea > 0 ? (points * size * size) / studyArea : 0);
  const candidates = NICE_CELL_SIZES.filter((s) => s >= range[0] && s <= range[1] && s >= floor);
  const base = { range: [round1(range[0]), round1(range[1])] as [number, number], minMeanCount: MIN_MEAN_COUNT };
  if (candidates.length === 0) {
    const value = roundCellSize(Math.max(floor, Math.min(range[1], MAX_CELL_SIZE)));
    return {
      ...base,
      value,
      source: 'fallback',
      meanCount: round1(meanCount(value)),
      reason: `No size between ${MIN_CELL_SIZE} and ${MAX_CELL_SIZE} m lies in band/4 – band/2 within the ${MAX_DEFAULT_CELLS} cell limit; ${value} m is the nearest.`,
    };
  }
  const dense = candidates.find((s) => meanCount(s) >= MIN_MEAN_COUNT);
  const value = dense ?? must(candidates.at(-1), 'the largest candidate cell size');
  const mean = round1(meanCount(value));
  return {
    ...base,
    value,
    source: 'band-fraction',
    meanCount: mean,
    reason: dense
      ? `The smallest cell between a quarter and half of the ${band} m band with at least ${MIN_MEAN_COUNT} record per cell on average (${mean}).`
      : `Half the ${band} m band: even there cells hold ${mean} records on average, below the ${MIN_MEAN_COUNT} aimed for, so the data cannot support finer cells.`,
  };
}

function kthNearestMean(xy: Float64Array, hash: Uint32Array, k: number): number {
  const index = buildPointIndex(xy, 1, { maxBuckets: Math.max(4096, xy.length >>> 3), items: false });
  const distances: number[] = [];
  for (const i of hashSample(hash, KNN_SAMPLE)) {
    const d = kthNearestDistance(index, i, k);
    if (Number.isFinite(d)) distances.push(d);
  }
  // Summed in sorted order, so the mean does not depend on the order of the locations.
  distances.sort((a, b) => a - b);
  return distances.length > 0 ? distances.reduce((s, d) => s + d, 0) / distances.length : Number.NaN;
}

/** Chooses the distance band and cell size (see the module comment). */
export function chooseScale(options: ScaleOptions): ChosenScale {
  const { xy, bbox, inside } = options;
  if (options.cellSize !== undefined && options.band !== undefined) {
    const given = { source: 'given' as const, reason: 'Set by the user.' };
    return {
      cellSize: options.cellSize,
      band: options.band,
      choices: {
        locationalOutliers: null,
        band: { value: options.band, ...given },
        cellSize: {
          value: options.cellSize,
          ...given,
          range: [round1(options.band / 4), round1(options.band / 2)],
          meanCount: Number.NaN, // known once counted: analyseHotspots fills it in
          minMeanCount: MIN_MEAN_COUNT,
        },
      },
    };
  }
  const [minX, minY, maxX, maxY] = bbox;
  const bboxArea = (maxX - minX) * (maxY - minY);
  const locs = distinctLocations(xy, bbox);
  const lo = locationalOutliers(locs.xy, locs.hash);
  let outlierPoints = 0;
  for (let i = 0; i < lo.outlier.length; i++) if (lo.outlier[i]) outlierPoints += locs.count[i]!;
  const locationalChoice: OutlierChoice = {
    rule: 'a location whose nearest other location is farther than Q3 + 1.5·IQR of the nearest-neighbour distances',
    fence: round1(lo.fence),
    q1: round1(lo.q1),
    q3: round1(lo.q3),
    medianNearestNeighbour: round1(lo.median),
    locations: lo.outlier.length,
    outlierLocations: lo.outlierLocations,
    outlierPoints,
  };

  // The ISA lattice: OHSA's fishnet size from the inlier spacing, within the cell limit.
  const spacing = Math.max(lo.meanInlier, lo.median) * Math.max(2, Math.max(lo.meanInlier, lo.median) / Math.min(lo.meanInlier, lo.median));
  const coarsest = Math.sqrt(bboxArea / MAX_ISA_CELLS);
  let pitch = roundCellSize(Math.max(Number.isFinite(spacing) ? spacing : 0, coarsest));
  let lattice = isaLattice(bbox, pitch, inside);
  // Ten steps should fit within the standard distance, or the distances would repeat cells.
  const fitting = finerPitch(lattice.sd / ISA_STEPS, coarsest);
  if (fitting !== undefined && fitting < pitch) lattice = isaLattice(bbox, (pitch = fitting), inside);
  const weights = Float64Array.from(locs.locationOf, (loc) => (loc >= 0 && lo.outlier[loc] === 0 ? 1 : 0));
  let counted = countPoints(lattice.grid, bbox, xy, weights, lattice.mask);
  const studyArea = lattice.maskCells * pitch * pitch;

  let band: BandChoice;
  if (options.band !== undefined) {
    band = { value: options.band, source: 'given', reason: 'Set by the user.' };
  } else {
    let isa = isaOn(lattice, counted.counts, pitch);
    // z falling from the very first distance means clustering finer than the lattice resolves
    // (ArcGIS's advice: start at a smaller distance; a later bump is not where clustering is most
    // pronounced), so look again on a finer lattice, up to twice.
    for (let refine = 0; refine < 2 && fallsFromTheStart(isa.z); refine++) {
      const finer = finerPitch(pitch / 2, coarsest);
      if (finer === undefined) break;
      lattice = isaLattice(bbox, (pitch = finer), inside);
      counted = countPoints(lattice.grid, bbox, xy, weights, lattice.mask);
      isa = isaOn(lattice, counted.counts, pitch);
    }
    const isaData = {
      latticeCellSize: pitch,
      distances: isa.distances.map(round1),
      z: isa.z.map((v) => Math.round(v * 100) / 100),
      firstPeak: isa.firstPeak ?? null,
    };
    if (isa.firstPeak !== undefined) {
      const value = Math.ceil(must(isa.distances[isa.firstPeak], "the first peak's distance"));
      band = {
        value,
        source: 'isa-first-peak',
        isa: isaData,
        reason: `Clustering is most pronounced at ${value} m: the first peak of Moran's I z (${isaData.z[isa.firstPeak]}) over ${isa.distances.length} distances, outliers left out.`,
      };
    } else {
      band = knnBand(locs, lo.outlier, lattice.sd, isaData);
    }
  }
  const cellSize: CellSizeChoice =
    options.cellSize !== undefined
      ? {
          value: options.cellSize,
          source: 'given',
          reason: 'Set by the user.',
          range: [round1(band.value / 4), round1(band.value / 2)],
          meanCount: round1((counted.pointsUsed * options.cellSize ** 2) / Math.max(1, studyArea)),
          minMeanCount: MIN_MEAN_COUNT,
        }
      : cellSizeForBand(band.value, counted.pointsUsed, studyArea, bbox);
  if (band.source !== 'given' && band.value < Math.SQRT2 * cellSize.value) {
    band.value = Math.ceil(Math.SQRT2 * cellSize.value);
    band.reason += ` Raised to ${band.value} m so that each cell has its eight surrounding cells as neighbours.`;
  }
  return { cellSize: cellSize.value, band: band.value, choices: { locationalOutliers: locationalChoice, band, cellSize } };
}

function knnBand(
  locs: ReturnType<typeof distinctLocations>,
  outlier: Uint8Array,
  sd: number,
  isa: NonNullable<BandChoice['isa']>,
): BandChoice {
  const keep: number[] = [];
  for (let i = 0; i < outlier.length; i++) if (outlier[i] === 0) keep.push(i);
  const k = Math.min(KNN_MAX, Math.max(KNN_MIN, Math.floor(KNN_SHARE * keep.length)));
  const xy = new Float64Array(2 * keep.length);
  const hash = new Uint32Array(keep.length);
  keep.forEach((loc, j) => {
    xy[2 * j] = locs.xy[2 * loc]!;
    xy[2 * j + 1] = locs.xy[2 * loc + 1]!;
    hash[j] = locs.hash[loc]!;
  });
  const mean = keep.length > k ? kthNearestMean(xy, hash, k) : Number.NaN;
  if (!Number.isFinite(mean)) {
    const value = Math.ceil(Math.max(isa.latticeCellSize * 4, sd / 2));
    return {
      value,
      source: 'fallback',
      isa,
      reason: `Too few distinct locations (${keep.length}) for a data-driven band; ${value} m, half the study area's standard distance.`,
    };
  }
  const value = Math.ceil(Math.min(mean, sd > 0 ? sd : mean));
  return {
    value,
    source: 'knn-mean-distance',
    isa,
    knn: { k, meanDistance: round1(mean), standardDistance: round1(sd) },
    reason: `No significant peak of spatial autocorrelation, so the mean distance to the ${k}th nearest location (${round1(mean)} m)${value < mean ? `, capped at the study area's standard distance` : ''}.`,
  };
}
