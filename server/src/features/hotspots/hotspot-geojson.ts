/** The hot-spot cells as GeoJSON, and which cells an answer holds. */
import { pointSources } from '@lagesbild/shared';
import { cellId } from '@lagesbild/shared/hotspot/index';
import type { Analysis } from './hotspot-analysis';
import type { HotspotJob } from './hotspot-compute';
import { memo, roundDensity, roundP, roundZ } from './hotspot-format';
import { hotspotMeta } from './hotspot-meta';
import { nodeProjector } from './hotspot-raster';

/** The study-area cells `job.cells` asks for; informative = records or a class. */
export function selectCells(job: HotspotJob, a: Analysis): number[] {
  const { result, tallies } = a;
  const cells = result.cols * result.rows;
  const out: number[] = [];
  if (job.cells === 'none') return out;
  for (let k = 0; k < cells; k++) {
    if (result.mask && result.mask[k] === 0) continue;
    const significant = result.classes[k] !== 0;
    if (job.cells === 'all' || significant || (job.cells === 'informative' && tallies.total[k]! > 0)) out.push(k);
  }
  return out;
}

/**
 * The cells as GeoJSON. Written as text directly rather than through JSON.stringify of objects:
 * tens of thousands of cells are common, and this is several times faster.
 */
export function hotspotGeoJson(job: HotspotJob, a: Analysis, started: number): { body: string; items: number } {
  const { result, grid, tallies } = a;
  const node = nodeProjector(grid);
  const stride = grid.cols + 1;
  const nodeText = new Array<string | undefined>(stride * (grid.rows + 1));
  const nodeAt = (c: number, r: number) => {
    const k = r * stride + c;
    let text = nodeText[k];
    if (text === undefined) {
      const [lon, lat] = node(c, r);
      text = `[${lon},${lat}]`;
      nodeText[k] = text;
    }
    return text;
  };
  const z = memo(roundZ);
  const p = memo(roundP);
  const pFdr = memo(roundP);
  const density = memo(roundDensity);
  const chosen = selectCells(job, a);
  const parts = new Array<string>(chosen.length);
  const restricted = job.viewer.restricted;
  for (const [i, k] of chosen.entries()) {
    const c = k % grid.cols;
    const r = (k - c) / grid.cols;
    const id = cellId(grid, k);
    let perSource = '';
    for (const [s, counts] of tallies.bySource.entries()) perSource += `,"${pointSources[s]}":${counts[k]!}`;
    const n00 = nodeAt(c, r);
    parts[i] =
      `{"type":"Feature","id":"${id}","geometry":{"type":"Polygon","coordinates":[[${n00},${nodeAt(c + 1, r)},${nodeAt(c + 1, r + 1)},${nodeAt(c, r + 1)},${n00}]]},` +
      `"properties":{"cell":"${id}","count":${tallies.total[k]!}${perSource},"policeOnly":${restricted ? 'null' : tallies.police[k]!},` +
      `"z":${z(result.z[k]!)},"p":${p(result.p[k]!)},"pFdr":${pFdr(result.pAdjusted[k]!)},"class":${result.classes[k]!},"density":${density(result.density[k]!)}}}`;
  }
  const meta = hotspotMeta(job, a, chosen.length, started);
  return { body: `{"type":"FeatureCollection","features":[${parts.join(',')}],"meta":${JSON.stringify(meta)}}`, items: chosen.length };
}
