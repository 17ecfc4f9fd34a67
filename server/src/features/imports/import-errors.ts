import type { RowError } from '@lagesbild/shared';

/**
 * The file as a whole cannot be imported (empty, binary, a zip, malformed JSON, a line too long,
 * the wrong format, too large…). Nothing is written; the route answers with `status`.
 */
export class ImportFileError extends Error {
  constructor(
    readonly status: 413 | 415 | 422,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** Row errors kept per import (all are counted). */
export const MAX_STORED_ERRORS = 1000;

/** Collects row errors: counts every one, keeps the first MAX_STORED_ERRORS. */
export class ErrorLog {
  readonly kept: RowError[] = [];
  count = 0;

  add(row: number | null, column: string | null, code: string, message: string): void {
    this.count++;
    if (this.kept.length < MAX_STORED_ERRORS) this.kept.push({ row, column, code, message });
  }

  get truncated(): boolean {
    return this.count > this.kept.length;
  }
}

/** A problem with one field of one row; the row builders throw it and the pipeline logs it. */
export class RowProblem extends Error {
  constructor(
    readonly column: string | null,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** Quotes a cell value for a message, shortened: never a whole description. */
export function shown(value: string): string {
  const trimmed = value.trim();
  return `"${trimmed.length > 40 ? `${trimmed.slice(0, 37)}…` : trimmed}"`;
}
