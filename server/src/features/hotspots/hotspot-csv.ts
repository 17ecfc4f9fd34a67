/**
 * The cells as CSV: semicolon-separated, decimal comma, UTF-8 with BOM (what Swedish Excel opens
 * as is). Each row says what was analysed, so a filtered sheet still tells how to reproduce it.
 */
import { csvField } from '@lagesbild/shared/csv';
import { pointSources, swerefToWgs84 } from '@lagesbild/shared';
import { cellId } from '@lagesbild/shared/hotspot/index';
import { analysisKind, type Analysis } from './hotspot-analysis';
import { districtNamer } from './hotspot-clusters';
import type { HotspotJob } from './hotspot-compute';
import { round6, roundDensity, roundP, roundZ } from './hotspot-format';
import { selectCells } from './hotspot-geojson';
import { centreOf } from './hotspot-raster';

const CLASS_LABELS: Record<number, string> = {
  3: 'hot spot, adjusted p <= 0.01',
  2: 'hot spot, adjusted p <= 0.05',
  1: 'hot spot, adjusted p <= 0.10',
  0: 'not significant',
  [-1]: 'cold spot, adjusted p <= 0.10',
  [-2]: 'cold spot, adjusted p <= 0.05',
  [-3]: 'cold spot, adjusted p <= 0.01',
};

const HEADER = [
  'cell',
  'area',
  'centre_lat',
  'centre_lon',
  'x_sweref99tm',
  'y_sweref99tm',
  'count',
  ...pointSources,
  'police_only',
  'z',
  'p',
  'p_fdr',
  'class',
  'class_label',
  'density_per_km2',
  'analysis',
];

export function hotspotCsv(job: HotspotJob, a: Analysis): { body: string; items: number } {
  const { result, grid, tallies } = a;
  const restricted = job.viewer.restricted;
  const nameAt = districtNamer(job.districts);
  const analysed =
    `${analysisKind(job.normalised.sources).kind} (${job.normalised.sources.join(', ')}) — ` +
    `exact binomial Gi*, ${result.cellSize} m cells, ${result.band} m band — ` +
    (restricted ? 'police-only records left out' : 'all records, police-only included');
  const lines = [HEADER.join(';')];
  for (const k of selectCells(job, a)) {
    const [x, y] = centreOf(grid, k);
    const [lat, lon] = swerefToWgs84(x, y);
    lines.push(
      [
        csvField(cellId(grid, k)),
        csvField(nameAt(x, y)),
        csvField(round6(lat)),
        csvField(round6(lon)),
        csvField(x),
        csvField(y),
        csvField(tallies.total[k]),
        ...tallies.bySource.map((counts) => csvField(counts[k])),
        csvField(restricted ? null : tallies.police[k]!),
        csvField(roundZ(result.z[k]!)),
        csvField(roundP(result.p[k]!)),
        csvField(roundP(result.pAdjusted[k]!)),
        csvField(result.classes[k]),
        csvField(CLASS_LABELS[result.classes[k]!] ?? ''),
        csvField(roundDensity(result.density[k]!)),
        csvField(analysed),
      ].join(';'),
    );
  }
  return { body: `\uFEFF${lines.join('\r\n')}\r\n`, items: lines.length - 1 };
}
