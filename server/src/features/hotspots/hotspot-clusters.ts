/**
 * The places of the map as a list: cells of class ≥ +2 (≤ −2), adjusted p ≤ 0.05, joined with
 * their 8 neighbours of the same kind (labelPlaces). The largest by records (hot) or cells
 * (cold) come first.
 */
import { swerefToWgs84, type HotspotMeta } from '@lagesbild/shared';
import { cellId, labelPlaces, polygonSet } from '@lagesbild/shared/hotspot/index';
import type { Analysis } from './hotspot-analysis';
import type { HotspotJob } from './hotspot-compute';
import { round6 } from './hotspot-format';
import { centreOf } from './hotspot-raster';

/** The name of the named area (district) a point lies in, or null. */
export function districtNamer(districts: HotspotJob['districts']): (x: number, y: number) => string | null {
  const sets = districts.map((d) => ({ name: d.name, set: polygonSet([d.polygon]) }));
  return (x, y) => sets.find((d) => d.set.contains(x, y))?.name ?? null;
}

export function clusters(job: HotspotJob, a: Analysis): HotspotMeta['clusters'] {
  const { result, grid, tallies } = a;
  const nameAt = districtNamer(job.districts);
  const list = (sign: 1 | -1, n: number) => {
    const { label, count } = labelPlaces(result.classes, grid.cols, grid.rows, sign);
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
      // The peak is where most records are (with a wide band many cells share the place's p).
      const p = peak[j]!;
      if (p < 0 || tallies.total[k]! > tallies.total[p]! || (tallies.total[k] === tallies.total[p] && result.p[k]! < result.p[p]!))
        peak[j] = k;
    }
    const order = Array.from({ length: count }, (_, j) => j).sort((x, y) =>
      sign > 0 ? records[y]! - records[x]! || cells[y]! - cells[x]! : cells[y]! - cells[x]! || records[y]! - records[x]!,
    );
    return order.slice(0, n).map((j) => {
      const [x, y] = centreOf(grid, peak[j]!);
      const [lat, lon] = swerefToWgs84(x, y);
      return {
        kind: sign > 0 ? ('hot' as const) : ('cold' as const),
        cells: cells[j]!,
        records: records[j]!,
        level: top[j] === 3 ? 0.01 : 0.05,
        peakCell: cellId(grid, peak[j]!),
        centre: [round6(lon), round6(lat)],
        area: nameAt(x, y),
      };
    });
  };
  return [...list(1, 25), ...list(-1, 10)];
}
