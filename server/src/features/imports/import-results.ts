import type { ImportOptions, ImportResult, ImportSummary, RowError } from '@lagesbild/shared';
import type * as repo from './import-repository';
import type { ImportStats } from './import-stats';

/** An import batch as the API shows it, and the summary stored with it. */

function sortedCounts(map: Map<string, number>): [string, number][] {
  return [...map.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0], 'sv'));
}

export interface Summary {
  unmappedTypes?: { type: string; count: number }[];
  skipped?: { code: string; count: number }[];
  warnings?: { code: string; count: number }[];
  detected?: { encoding: string | null; delimiter: string | null; coordinateSystem: string | null };
  sameFileAs?: string | null;
  pointsReassigned?: number | null;
  errorsTruncated?: boolean;
  mapping?: ImportOptions;
}

export function toSummary(row: repo.BatchRow): ImportSummary {
  return {
    id: row.id,
    status: row.status,
    format: row.format,
    source: row.source,
    sourceName: row.source_name,
    classification: row.classification,
    fileName: row.file_name,
    strict: row.strict,
    rowsTotal: row.rows_total,
    rowsImported: row.rows_imported,
    rowsSkipped: row.rows_skipped,
    rowsFailed: row.rows_failed,
    createdAt: row.created_at.toISOString(),
    createdBy: row.created_by_name,
    via: row.via,
    undoneAt: row.undone_at ? row.undone_at.toISOString() : null,
  };
}

export function toResult(row: repo.BatchDetailRow): ImportResult {
  const summary = (row.summary ?? {}) as Summary;
  return {
    ...toSummary(row),
    errors: (row.errors ?? []) as RowError[],
    errorsTruncated: summary.errorsTruncated ?? false,
    unmappedTypes: summary.unmappedTypes ?? [],
    skipped: summary.skipped ?? [],
    warnings: summary.warnings ?? [],
    detected: summary.detected ?? { encoding: null, delimiter: null, coordinateSystem: null },
    sameFileAs: summary.sameFileAs ?? null,
    pointsReassigned: summary.pointsReassigned ?? null,
  };
}

export function summaryOf(stats: ImportStats, extra: Partial<Summary>): Summary {
  return {
    unmappedTypes: sortedCounts(stats.unmapped).map(([type, count]) => ({ type, count })),
    skipped: sortedCounts(stats.skipped).map(([code, count]) => ({ code, count })),
    warnings: sortedCounts(stats.warnings).map(([code, count]) => ({ code, count })),
    detected: {
      encoding: stats.encoding,
      delimiter: stats.delimiter === '\t' ? 'tab' : stats.delimiter,
      coordinateSystem: stats.coordinateSystem,
    },
    errorsTruncated: stats.errors.truncated,
    ...extra,
  };
}
