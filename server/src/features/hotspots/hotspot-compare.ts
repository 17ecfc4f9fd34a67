/**
 * The period comparison: both periods on one grid and one band, chosen from both periods'
 * points together (or given), each period's hot spots, and the cells whose neighbourhood
 * changed its share of records (compareNeighbourhoods: exact, testable-only FDR family).
 */
import { POINT_COUNT_RULE, type CompareCollection, type CompareMeta } from '@lagesbild/shared';
import {
  cellCoverage,
  cellId,
  chooseScale,
  compareNeighbourhoods,
  exactLatticeInference,
  labelPlaces,
  type ChangeTests,
  type PlaceLabels,
} from '@lagesbild/shared/hotspot/index';
import { ALPHA, analyse, analysisKind, insideFn, insufficientOf, viewerPoints, type Analysis } from './hotspot-analysis';
import type { CompareJob } from './hotspot-compute';
import { disclosureMeta } from './hotspot-disclosure';
import { roundP } from './hotspot-format';
import { districtNamer } from './hotspot-clusters';
import { cellPolygon, centreOf, nodeProjector } from './hotspot-raster';

const TEST =
  'exact conditional binomial test of each cell’s neighbourhood (the records within the band) and of each hot-spot place of ' +
  'both periods together: given its records in both periods, is its share in period B above (rise) or below (fall) the ' +
  'study area’s? One-sided tests that could never be significant are left out; Benjamini–Hochberg over the rest, one family ' +
  'per scale (neighbourhoods, places); ' +
  'change +3…−3 at adjusted p ≤ 0.01 / 0.05 / 0.10 (+ = more in period B). A cell shows its neighbourhood’s change, else its place’s.';

/** The hot-spot places of both periods together, on the shared grid: the units a change is tested on as a whole. */
function placesOfBoth(job: CompareJob, a: Analysis, b: Analysis): PlaceLabels {
  const { grid } = a;
  const { mask } = a.result;
  const counts = a.result.counts.map((v, k) => v + b.result.counts[k]!);
  const inside = insideFn(job.studyArea);
  const both = exactLatticeInference({
    counts,
    cols: grid.cols,
    rows: grid.rows,
    cellSize: grid.cellSize,
    band: a.result.band,
    mask,
    exposure: mask && inside ? cellCoverage(grid, mask, inside) : undefined,
    alpha: ALPHA,
  });
  return labelPlaces(both.classes, grid.cols, grid.rows, 1);
}

/** The places with their change: the changed first, then the largest; named after the district of their peak cell. */
function placeList(job: CompareJob, a: Analysis, b: Analysis, places: PlaceLabels, tests: ChangeTests): CompareMeta['places'] {
  const { grid } = a;
  const cells = new Int32Array(places.count);
  const peak = new Int32Array(places.count).fill(-1);
  const records = (k: number) => a.tallies.total[k]! + b.tallies.total[k]!;
  for (let k = 0; k < places.label.length; k++) {
    const j = places.label[k]!;
    if (j < 0) continue;
    cells[j]!++;
    if (peak[j] === -1 || records(k) > records(peak[j]!)) peak[j] = k;
  }
  const nameAt = districtNamer(job.districts);
  return Array.from({ length: places.count }, (_, j) => ({
    cells: cells[j]!,
    countA: tests.countA[j]!,
    countB: tests.countB[j]!,
    p: roundP(tests.p[j]!),
    pFdr: roundP(tests.pAdjusted[j]!),
    change: tests.classes[j]!,
    peakCell: cellId(grid, peak[j]!),
    area: nameAt(...centreOf(grid, peak[j]!)),
  }))
    .sort((x, y) => Math.abs(y.change) - Math.abs(x.change) || y.countA + y.countB - (x.countA + x.countB))
    .slice(0, 50);
}

function scaleOf(job: CompareJob): { cellSize: number; band: number; choices: CompareMeta['choices'] } {
  const a = viewerPoints(job, job.filter).xy;
  const b = viewerPoints(job, job.filterB).xy;
  const both = new Float64Array(a.length + b.length);
  both.set(a);
  both.set(b, a.length);
  const scale = chooseScale({
    xy: both,
    bbox: job.studyArea.bbox,
    inside: insideFn(job.studyArea),
    cellSize: job.cellSize,
    band: job.band,
  });
  return { cellSize: scale.cellSize, band: scale.band, choices: scale.choices };
}

export function compare(job: CompareJob, started: number): { body: string; items: number } {
  const { cellSize, band, choices } = scaleOf(job);
  const a = analyse(job, job.filter, { cellSize, band });
  const b = analyse(job, job.filterB, { cellSize, band });
  const { grid } = a;
  const places = placesOfBoth(job, a, b);
  const cmp = compareNeighbourhoods({
    countsA: a.result.counts,
    countsB: b.result.counts,
    cols: grid.cols,
    rows: grid.rows,
    cellSize,
    band,
    mask: a.result.mask,
    places,
    alpha: ALPHA,
  });
  const near = cmp.cells;
  const node = nodeProjector(grid);
  const features: CompareCollection['features'] = [];
  let increased = 0;
  let decreased = 0;
  for (let k = 0; k < grid.cols * grid.rows; k++) {
    if (a.result.mask && a.result.mask[k] === 0) continue;
    // The neighbourhood's change, else the change of the place the cell belongs to.
    const place = places.label[k]!;
    const change = near.classes[k]! || (place >= 0 ? cmp.places.classes[place]! : 0);
    if (change > 0) increased++;
    if (change < 0) decreased++;
    const countA = a.tallies.total[k]!;
    const countB = b.tallies.total[k]!;
    const classA = a.result.classes[k]!;
    const classB = b.result.classes[k]!;
    if (!(change !== 0 || classA !== 0 || classB !== 0 || countA > 0 || countB > 0)) continue;
    const id = cellId(grid, k);
    features.push({
      type: 'Feature',
      id,
      geometry: cellPolygon(node, grid, k),
      properties: {
        cell: id,
        countA,
        countB,
        nearA: near.countA[k]!,
        nearB: near.countB[k]!,
        classA,
        classB,
        p: roundP(near.p[k]!),
        pFdr: roundP(near.pAdjusted[k]!),
        change,
      },
    });
  }
  const period = (x: Analysis, p: { from: string; to: string }) => ({
    from: p.from,
    to: p.to,
    points: x.result.pointsUsed,
    hotSpots: x.result.hotCells,
    insufficient: insufficientOf(x.result, x.result.pointsUsed),
  });
  const meta: CompareMeta = {
    cellSize,
    band,
    defaults: { cellSize: job.cellSize === undefined, band: job.band === undefined },
    choices,
    cellsInStudyArea: a.result.cellsInStudyArea,
    periodA: period(a, job.periodA),
    periodB: period(b, job.periodB),
    shareA: Number.isFinite(cmp.shareB) ? Number((1 - cmp.shareB).toPrecision(6)) : null,
    test: TEST,
    tested: cmp.family.neighbourhoods.tests + cmp.family.places.tests,
    family: cmp.family,
    increased,
    decreased,
    places: placeList(job, a, b, places, cmp.places),
    alpha: ALPHA,
    insufficient: cmp.insufficient ? { code: 'empty_period', reason: cmp.insufficient.reason, points: null, needed: 1 } : null,
    analysis: analysisKind(job.normalised.sources),
    counting: POINT_COUNT_RULE,
    studyArea: { kind: job.studyArea.kind, names: job.studyArea.names },
    filter: job.normalised,
    disclosure: disclosureMeta(job.viewer),
    dataVersion: job.dataVersion,
    computedMs: Math.round((performance.now() - started) * 10) / 10,
  };
  const body: CompareCollection = { type: 'FeatureCollection', features, meta };
  return { body: JSON.stringify(body), items: features.length };
}
