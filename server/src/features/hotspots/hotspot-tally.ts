/** Records per cell and source, and police-only records per cell, on an analysed grid. */
import { must, pointSources } from '@lagesbild/shared';
import { POLICE_ONLY, assignCells, type FilteredPoints, type Grid } from '@lagesbild/shared/hotspot/index';
import type { StudyAreaSpec } from './hotspot-compute';

export interface CellTallies {
  /** Records per source per cell: bySource[s][k]. */
  bySource: Int32Array[];
  /** Police-only records per cell (always 0 for a viewer outside the police: they were left out). */
  police: Int32Array;
  /** Records of all sources per cell. */
  total: Int32Array;
  /** Records per source counted into study-area cells. */
  usedBySource: Int32Array;
  /** The cell of each filtered point, −1 outside the study area. */
  cellOf: Int32Array;
}

export function tally(grid: Grid, bbox: StudyAreaSpec['bbox'], points: FilteredPoints, mask: Uint8Array | undefined): CellTallies {
  const cells = grid.cols * grid.rows;
  const bySource = pointSources.map(() => new Int32Array(cells));
  const police = new Int32Array(cells);
  const total = new Int32Array(cells);
  const usedBySource = new Int32Array(pointSources.length);
  const cellOf = assignCells(grid, bbox, points.xy, mask);
  for (let i = 0; i < cellOf.length; i++) {
    const k = cellOf[i]!;
    if (k < 0) continue;
    const s = points.source[i]!;
    must(bySource[s], 'the counts of a source')[k]!++;
    total[k]!++;
    usedBySource[s]!++;
    if ((points.flags[i]! & POLICE_ONLY) !== 0) police[k]!++;
  }
  return { bySource, police, total, usedBySource, cellOf };
}
