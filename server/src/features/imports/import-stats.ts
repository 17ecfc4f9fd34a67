import type { CoordinateSystem } from '@lagesbild/shared';
import { ErrorLog } from './import-errors';
import { normaliseType } from './type-mapping';

const MAX_UNMAPPED = 500;

/** Counts and findings of one import, built while reading. */
export class ImportStats {
  rowsTotal = 0;
  rowsPrepared = 0;
  readonly errors = new ErrorLog();
  readonly skipped = new Map<string, number>();
  readonly warnings = new Map<string, number>();
  /** Unmapped types by their first spelling (types differing only in case or spaces count as one). */
  readonly unmapped = new Map<string, number>();
  private readonly unmappedSpelling = new Map<string, string>();
  readonly coordinateSystems = new Map<CoordinateSystem, number>();
  encoding: string | null = null;
  delimiter: string | null = null;

  countUnmapped(type: string): void {
    const key = normaliseType(type);
    const spelling = this.unmappedSpelling.get(key);
    if (spelling !== undefined) this.bump(this.unmapped, spelling);
    else if (this.unmappedSpelling.size < MAX_UNMAPPED) {
      this.unmappedSpelling.set(key, type);
      this.bump(this.unmapped, type);
    }
  }

  bump(map: Map<string, number>, key: string): void {
    map.set(key, (map.get(key) ?? 0) + 1);
  }

  /**
   * Warns, as `nothing_kept` with the rows read, when rows were read but none passed the checks: a
   * file that yields nothing (a feed whose places all miss the collaboration, say) must not read
   * as a success. Rows already imported passed them, so the same file again is no alarm.
   */
  noteNothingKept(): void {
    if (this.rowsTotal > 0 && this.rowsPrepared === 0) this.warnings.set('nothing_kept', this.rowsTotal);
  }

  get rowsSkipped(): number {
    let n = 0;
    for (const v of this.skipped.values()) n += v;
    return n;
  }

  get coordinateSystem(): CoordinateSystem | null {
    let best: CoordinateSystem | null = null;
    let count = 0;
    for (const [crs, n] of this.coordinateSystems) if (n > count) [best, count] = [crs, n];
    return best;
  }
}
