/**
 * The places of the map as a list a patrol can act on.
 *
 * Hot places are compact: with a band of several hundred metres the significant cells of a map
 * run together into blobs of a square kilometre ("Centrum, 1,044 cells"), which does not say
 * where to go. So every local maximum of records among the hot cells (adjusted p ≤ 0.05) seeds a
 * place; strongest first, a place takes its peak and the busiest of the peak's unclaimed hot
 * neighbours, up to MAX_PLACE_AREA. A blob with two busy corners becomes two places. Each place
 * has its excess over what the study area's average would put there, the time of day and
 * weekday its records peak, and the name of the nearest named place (else its district); the
 * list is ranked by excess.
 *
 * Cold places stay whole (labelPlaces): there is nothing to patrol, only an area to note.
 */
import { must, swerefToWgs84, timeBands, type HotspotMeta } from '@lagesbild/shared';
import { UNKNOWN_BAND, cellId, labelPlaces, polygonSet } from '@lagesbild/shared/hotspot/index';
import { stockholmWeekday } from '@lagesbild/shared/time/stockholm';
import type { Analysis } from './hotspot-analysis';
import type { HotspotJob } from './hotspot-compute';
import { round6 } from './hotspot-format';
import { centreOf } from './hotspot-raster';

/** A hot place covers at most this many square metres (5 ha): a block or a square, not a district. */
export const MAX_PLACE_AREA = 50_000;
/** A named place names a hot place within this distance of its peak (else the district does). */
export const NAMING_DISTANCE = 400;

type Place = HotspotMeta['clusters'][number];

/** The name of the named area (district) a point lies in, or null. */
export function districtNamer(districts: HotspotJob['districts']): (x: number, y: number) => string | null {
  const sets = districts.map((d) => ({ name: d.name, set: polygonSet([d.polygon]) }));
  return (x, y) => sets.find((d) => d.set.contains(x, y))?.name ?? null;
}

/** The nearest named place within NAMING_DISTANCE, else the district, else null. */
function placeNamer(job: HotspotJob): (x: number, y: number) => string | null {
  const district = districtNamer(job.districts);
  return (x, y) => {
    let best: string | null = null;
    let bestDistance = NAMING_DISTANCE;
    for (const p of job.namedPlaces) {
      const d = Math.hypot(p.x - x, p.y - y);
      if (d <= bestDistance) [best, bestDistance] = [p.name, d];
    }
    return best ?? district(x, y);
  };
}

/** Hot cells (class ≥ 2) grouped into compact places around local maxima of records (see the module comment). */
function hotPlaces(a: Analysis): { label: Int32Array; count: number } {
  const { result, grid, tallies } = a;
  const { cols, rows } = grid;
  const hot = (k: number) => result.classes[k]! >= 2 && tallies.total[k]! > 0;
  const neighbours = (k: number) => {
    const c = k % cols;
    const r = (k - c) / cols;
    const out: number[] = [];
    for (let dr = -1; dr <= 1; dr++) {
      for (let dc = -1; dc <= 1; dc++) {
        const rr = r + dr;
        const cc = c + dc;
        if ((dr !== 0 || dc !== 0) && rr >= 0 && rr < rows && cc >= 0 && cc < cols && hot(rr * cols + cc)) out.push(rr * cols + cc);
      }
    }
    return out;
  };
  // Busier first; among equals the smaller p, then the lower index, so every plateau has one peak.
  const before = (x: number, y: number) => tallies.total[y]! - tallies.total[x]! || result.p[x]! - result.p[y]! || x - y;
  const peaks: number[] = [];
  for (let k = 0; k < cols * rows; k++) if (hot(k) && neighbours(k).every((n) => before(k, n) < 0)) peaks.push(k);
  peaks.sort(before);
  const label = new Int32Array(cols * rows).fill(-1);
  const maxCells = Math.max(1, Math.floor(MAX_PLACE_AREA / (grid.cellSize * grid.cellSize)));
  let count = 0;
  for (const peak of peaks) {
    if (label[peak] !== -1) continue;
    const members = [
      peak,
      ...neighbours(peak)
        .filter((n) => label[n] === -1)
        .sort(before),
    ].slice(0, maxCells);
    for (const k of members) label[k] = count;
    count++;
  }
  return { label, count };
}

/** When the records of each place happened: counts per time band and per weekday (Monday first). */
function whenOf(a: Analysis, job: HotspotJob, label: Int32Array, count: number) {
  const times = Array.from({ length: count }, () => new Int32Array(timeBands.length));
  const days = Array.from({ length: count }, () => new Int32Array(7));
  const { cellOf } = a.tallies;
  for (let i = 0; i < cellOf.length; i++) {
    const k = cellOf[i]!;
    const j = k < 0 ? -1 : label[k]!;
    if (j < 0) continue;
    const row = a.points.index[i]!;
    const band = job.columns.band[row]!;
    if (band !== UNKNOWN_BAND) must(times[j], 'the times of a place')[band]!++;
    const t = job.columns.time[row]!;
    if (!Number.isNaN(t)) must(days[j], 'the days of a place')[stockholmWeekday(t)]!++;
  }
  return { times, days };
}

const argmax = (values: Int32Array) => (values.some((v) => v > 0) ? values.indexOf(Math.max(...values)) : -1);
const round1 = (v: number) => Math.round(v * 10) / 10;

function describe(job: HotspotJob, a: Analysis, kind: 'hot' | 'cold', places: { label: Int32Array; count: number }): Place[] {
  const { result, grid, tallies } = a;
  const { label, count } = places;
  const cells = new Int32Array(count);
  const records = new Int32Array(count);
  const top = new Int8Array(count);
  const peak = new Int32Array(count).fill(-1);
  for (let k = 0; k < label.length; k++) {
    const j = label[k]!;
    if (j < 0) continue;
    cells[j]!++;
    records[j]! += tallies.total[k]!;
    top[j] = Math.max(top[j]!, Math.abs(result.classes[k]!));
    const p = peak[j]!;
    if (p < 0 || tallies.total[k]! > tallies.total[p]! || (tallies.total[k] === tallies.total[p] && result.p[k]! < result.p[p]!))
      peak[j] = k;
  }
  const { times, days } = whenOf(a, job, label, count);
  const perCell = result.pointsUsed / Math.max(1, result.cellsInStudyArea);
  const nameAt = placeNamer(job);
  const districtAt = districtNamer(job.districts);
  return Array.from({ length: count }, (_, j): Place => {
    const [x, y] = centreOf(grid, peak[j]!);
    const [lat, lon] = swerefToWgs84(x, y);
    const expected = cells[j]! * perCell;
    const placeTimes = must(times[j], 'the times of a place');
    const placeDays = must(days[j], 'the days of a place');
    const time = argmax(placeTimes);
    const day = argmax(placeDays);
    return {
      kind,
      cells: cells[j]!,
      hectares: round1((cells[j]! * grid.cellSize * grid.cellSize) / 10_000),
      records: records[j]!,
      expected: round1(expected),
      excess: round1(records[j]! - expected),
      level: top[j] === 3 ? 0.01 : 0.05,
      peakCell: cellId(grid, peak[j]!),
      centre: [round6(lon), round6(lat)],
      name: nameAt(x, y),
      area: districtAt(x, y),
      times: Array.from(placeTimes),
      days: Array.from(placeDays),
      peakTime: time < 0 ? null : must(timeBands[time], 'the peak time band'),
      peakDay: day < 0 ? null : day,
    };
  });
}

/** The 25 hot places with the largest excess, then the 10 largest cold areas. */
export function clusters(job: HotspotJob, a: Analysis): HotspotMeta['clusters'] {
  const hot = describe(job, a, 'hot', hotPlaces(a)).sort((p, q) => q.excess - p.excess || q.records - p.records);
  const cold = describe(job, a, 'cold', labelPlaces(a.result.classes, a.grid.cols, a.grid.rows, -1)).sort(
    (p, q) => q.cells - p.cells || p.excess - q.excess,
  );
  return [...hot.slice(0, 25), ...cold.slice(0, 10)];
}
