import { createHash } from 'node:crypto';
import { must, type ImportEncoding, type ImportOptions } from '@lagesbild/shared';
import { areaFromFeature, type PreparedArea } from './areas';
import { CsvParser, detectDelimiter } from './csv';
import { csvLayout, csvPoint, type CsvLayout } from './csv-rows';
import { refuseBinary, StreamDecoder } from './decode';
import { ImportFileError, RowProblem } from './import-errors';
import type { ImportStats } from './import-stats';
import { JsonItemScanner } from './json-items';
import { crsOfGeoJson, geoJsonPoint, open311Point } from './json-rows';
import { policePoint } from './police-rows';
import { prepare, previewText, type PointContext, type PreparedPoint } from './rows';
import { suggestMapping } from './suggest-mapping';

/**
 * Stage one of an import: bytes → text → records or JSON items → prepared rows, streamed, in
 * bounded memory (a chunk, one record or item, one batch). Nothing here touches the database:
 * a file that turns out broken halfway has written nothing.
 */
export interface ReadLimits {
  maxBytes: number;
  /** Longest CSV record. */
  maxRecordChars: number;
  /** Largest JSON item (one feature, one event). */
  maxItemChars: number;
}

export const DEFAULT_LIMITS: ReadLimits = { maxBytes: 200 * 1024 * 1024, maxRecordChars: 1024 * 1024, maxItemChars: 32 * 1024 * 1024 };

const SNIFF_BYTES = 8192;

/** The upload as text: counts and hashes the bytes, enforces the size limit, refuses binary files. */
export class TextSource {
  bytes = 0;
  truncated = false;
  private readonly hash = createHash('sha256');
  private readonly decoder: StreamDecoder;

  constructor(
    private readonly input: AsyncIterable<Buffer | string> | Iterable<Buffer | string>,
    encoding: ImportEncoding,
    private readonly maxBytes: number,
    /** Preview: stop after this many bytes instead of failing. */
    private readonly stopAt?: number,
  ) {
    this.decoder = new StreamDecoder(encoding);
  }

  get contentHash(): string {
    return this.hash.copy().digest('hex');
  }

  get encoding(): string | null {
    return this.decoder.encoding ?? null;
  }

  async *text(): AsyncGenerator<string> {
    let head: Buffer[] = [];
    let headLength = 0;
    let started = false;
    for await (const raw of this.input) {
      let chunk = typeof raw === 'string' ? Buffer.from(raw) : raw;
      if (this.stopAt !== undefined && this.bytes + chunk.length > this.stopAt) {
        chunk = chunk.subarray(0, this.stopAt - this.bytes);
        this.truncated = true;
      }
      this.bytes += chunk.length;
      if (this.bytes > this.maxBytes) {
        throw new ImportFileError(
          413,
          'FILE_TOO_LARGE',
          `The file is larger than ${Math.round(this.maxBytes / 1_048_576)} MB, the most one import takes.`,
        );
      }
      this.hash.update(chunk);
      if (!started) {
        head.push(chunk);
        headLength += chunk.length;
        if (headLength < SNIFF_BYTES && !this.truncated) continue;
        chunk = Buffer.concat(head);
        head = [];
        refuseBinary(chunk);
        started = true;
      }
      const text = this.decoder.push(chunk);
      if (text) yield text;
      if (this.truncated) return;
    }
    if (!started) {
      const all = Buffer.concat(head);
      if (all.length === 0) throw new ImportFileError(422, 'EMPTY_FILE', 'The file is empty.');
      refuseBinary(all);
      const text = this.decoder.push(all);
      if (text) yield text;
    }
    const rest = this.decoder.end();
    if (rest) yield rest;
  }
}

// ---------------------------------------------------------------------------------------------
// CSV
// ---------------------------------------------------------------------------------------------

export interface CsvRecord {
  fields: string[];
  line: number;
}

function headerOf(fields: string[]): string[] {
  const seen = new Map<string, number>();
  return fields.map((raw, i) => {
    let name =
      raw
        .replace(/^\ufeff/, '')
        .replace(/\s+/g, ' ')
        .trim() || `kolumn ${i + 1}`;
    const n = seen.get(name) ?? 0;
    seen.set(name, n + 1);
    if (n > 0) name = `${name} (${n + 1})`;
    return name;
  });
}

function looksLikeJson(text: string): boolean {
  return /^\s*[[{]/.test(text);
}

/** Reads CSV records in batches: the header first, then the rows with the line they start on. */
export async function readCsv(
  source: TextSource,
  options: { delimiter?: ImportOptions['delimiter']; maxRecordChars: number },
  handlers: { header(columns: string[]): void; rows(batch: CsvRecord[]): Promise<void> | void },
): Promise<{ delimiter: string }> {
  let parser: CsvParser | undefined;
  let delimiter = '';
  let pending = '';
  let columns: string[] | undefined;
  let batch: CsvRecord[] = [];
  const emit = (fields: string[], line: number) => {
    if (!columns) {
      columns = headerOf(fields);
      handlers.header(columns);
    } else batch.push({ fields, line });
  };
  const start = (sample: string, complete: boolean) => {
    if (looksLikeJson(sample)) {
      throw new ImportFileError(422, 'WRONG_FORMAT', 'The file is JSON, not CSV: choose the GeoJSON, police or Open311 format.');
    }
    const chosen =
      options.delimiter && options.delimiter !== 'auto'
        ? options.delimiter === 'tab'
          ? '\t'
          : options.delimiter
        : detectDelimiter(sample, complete);
    if (!chosen) {
      throw new ImportFileError(
        422,
        'NO_DELIMITER',
        'No column separator found (comma, semicolon or tab): is this a CSV file with a header row? Declare the delimiter if it is.',
      );
    }
    delimiter = chosen;
    parser = new CsvParser(chosen, options.maxRecordChars);
    parser.push(sample, emit);
  };
  for await (const text of source.text()) {
    if (parser) parser.push(text, emit);
    else {
      pending += text;
      const newline = pending.search(/[\r\n]/);
      if (newline === -1 || newline > options.maxRecordChars) {
        if (pending.length > options.maxRecordChars) {
          throw new ImportFileError(
            422,
            'LINE_TOO_LONG',
            `The first line is longer than ${Math.round(options.maxRecordChars / 1024)} KB: this is not a CSV file with a header row.`,
          );
        }
        continue;
      }
      if (pending.length < 65_536 && (pending.match(/\n/g)?.length ?? 0) < 21) continue;
      start(pending, false);
      pending = '';
    }
    if (batch.length > 0) {
      const full = batch;
      batch = [];
      await handlers.rows(full);
    }
  }
  if (!parser) {
    if (pending.trim() === '') throw new ImportFileError(422, 'EMPTY_FILE', 'The file is empty.');
    if (pending.length > options.maxRecordChars && !/[\r\n]/.test(pending)) {
      throw new ImportFileError(
        422,
        'LINE_TOO_LONG',
        `The first line is longer than ${Math.round(options.maxRecordChars / 1024)} KB: this is not a CSV file with a header row.`,
      );
    }
    start(pending, !source.truncated);
  }
  // A preview stops mid-file: its last, probably cut, record is left out.
  if (!source.truncated) (parser as unknown as CsvParser).end(emit);
  if (batch.length > 0) await handlers.rows(batch);
  if (!columns) throw new ImportFileError(422, 'EMPTY_FILE', 'The file is empty.');
  return { delimiter };
}

// ---------------------------------------------------------------------------------------------
// JSON
// ---------------------------------------------------------------------------------------------

export interface JsonItem {
  value: unknown;
  index: number;
}

export async function readJson(
  source: TextSource,
  shape: { itemKeys: readonly string[]; root: 'array' | 'object' | 'both'; maxItemChars: number },
  onItems: (batch: JsonItem[], scanner: JsonItemScanner) => Promise<void> | void,
): Promise<{ skeleton: unknown; items: number }> {
  const scanner = new JsonItemScanner(shape.itemKeys, shape.maxItemChars, shape.root);
  let batch: JsonItem[] = [];
  const emit = (text: string, index: number) => {
    try {
      batch.push({ value: JSON.parse(text), index });
    } catch (error) {
      throw new ImportFileError(
        422,
        'MALFORMED_JSON',
        `Item ${index} is not valid JSON: ${error instanceof Error ? error.message : 'syntax error'}.`,
      );
    }
  };
  for await (const text of source.text()) {
    scanner.push(text, emit);
    if (batch.length > 0) {
      const full = batch;
      batch = [];
      await onItems(full, scanner);
    }
  }
  if (batch.length > 0) await onItems(batch, scanner);
  if (source.truncated) return { skeleton: undefined, items: 0 };
  const result = scanner.end();
  return { skeleton: result.skeleton, items: result.items };
}

// ---------------------------------------------------------------------------------------------
// Points
// ---------------------------------------------------------------------------------------------

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Refuses a file whose first item is plainly another format than the one chosen. */
export function checkFirstItem(format: 'geojson' | 'police' | 'open311' | 'areas', item: unknown): void {
  const wrong = (message: string) => new ImportFileError(422, 'WRONG_FORMAT', message);
  if (!isObject(item)) return;
  const geometryType = isObject(item.geometry) ? item.geometry.type : undefined;
  if (format === 'geojson' && (geometryType === 'Polygon' || geometryType === 'MultiPolygon')) {
    throw wrong('The features are polygons: import them with the areas format.');
  }
  if (format === 'areas' && (geometryType === 'Point' || geometryType === 'MultiPoint')) {
    throw wrong('The features are points: import them with the GeoJSON format.');
  }
  if ((format === 'geojson' || format === 'areas') && item.type !== 'Feature') {
    throw wrong('The items are not GeoJSON features.');
  }
  if (format === 'police' && !('name' in item && 'datetime' in item && 'location' in item)) {
    throw wrong('The items are not police events (with id, datetime, name, type and location).');
  }
  if (format === 'open311' && !('service_request_id' in item || 'service_code' in item || 'requested_datetime' in item)) {
    throw wrong('The items are not Open311 service requests.');
  }
}

/** GeoJSON's legacy "crs" member, read from the document's start when it comes before the features. */
function crsFromPrefix(skeletonPrefix: string): ReturnType<typeof crsOfGeoJson> {
  try {
    return crsOfGeoJson(JSON.parse(`${skeletonPrefix}]}`));
  } catch {
    return undefined;
  }
}

export interface PointReadResult {
  /** The mapping used (CSV and GeoJSON), after suggestions were filled in. */
  mapping: ImportOptions;
}

/**
 * Reads every row of a points file, hands prepared points on in batches, and records errors,
 * skips and warnings in `stats`. Throws ImportFileError when the file as a whole is unusable.
 */
export async function readPoints(
  source: TextSource,
  ctx: PointContext,
  stats: ImportStats,
  limits: ReadLimits,
  onPoints: (points: PreparedPoint[]) => Promise<void> | void,
  onRecords?: (count: number) => void,
): Promise<PointReadResult> {
  let mapping = ctx.options;
  if (ctx.format === 'csv') {
    let columns: string[] = [];
    let layout: CsvLayout | undefined;
    const { delimiter } = await readCsv(
      source,
      { delimiter: ctx.options.delimiter, maxRecordChars: limits.maxRecordChars },
      {
        header: (c) => (columns = c),
        rows: async (batch) => {
          if (!layout) {
            mapping = suggestMapping(
              columns,
              batch.slice(0, 50).map((r) => r.fields),
              ctx.options,
            );
            const found = csvLayout(columns, mapping);
            if ('unknown' in found) throw mappingError(found, columns);
            layout = found;
          }
          const rowCtx = { ...ctx, options: mapping };
          const rowLayout = must(layout, 'the CSV layout');
          const points: PreparedPoint[] = [];
          for (const record of batch) {
            const point = prepare(stats, record.line, () => csvPoint(rowCtx, stats, rowLayout, record.fields));
            if (point) points.push(point);
          }
          onRecords?.(stats.rowsTotal);
          if (points.length > 0) await onPoints(points);
        },
      },
    );
    stats.delimiter = delimiter;
    if (!layout && columns.length > 0) {
      throw new ImportFileError(422, 'EMPTY_FILE', 'The file has a header row but no rows.');
    }
  } else {
    const itemKeys = ctx.format === 'geojson' ? ['features'] : ctx.format === 'open311' ? ['service_requests'] : [];
    const root = ctx.format === 'geojson' ? 'object' : ctx.format === 'open311' ? 'both' : 'array';
    let first = true;
    let rowCtx = ctx;
    const build = ctx.format === 'geojson' ? geoJsonPoint : ctx.format === 'open311' ? open311Point : policePoint;
    const scanned = await readJson(source, { itemKeys, root, maxItemChars: limits.maxItemChars }, async (batch, scanner) => {
      const points: PreparedPoint[] = [];
      for (const item of batch) {
        if (first) {
          checkFirstItem(ctx.format as 'geojson' | 'police' | 'open311', item.value);
          first = false;
          if (ctx.format === 'geojson') {
            const declared = ctx.options.crs ?? crsFromPrefix(scanner.skeletonSoFar);
            const properties = isObject(item.value) && isObject(item.value.properties) ? item.value.properties : {};
            const names = Object.keys(properties);
            const sample = names.map((n) => previewText(properties[n]));
            mapping = suggestMapping(names, [sample], ctx.options);
            if (declared) mapping = { ...mapping, crs: declared };
            if (!mapping.dateField) throw mappingError({ unknown: [], missing: ['dateField'] }, names);
            rowCtx = { ...ctx, options: mapping };
          }
        }
        const point = prepare(stats, item.index, () => build(rowCtx, stats, item.value));
        if (point) points.push(point);
      }
      onRecords?.(stats.rowsTotal);
      if (points.length > 0) await onPoints(points);
    });
    if (scanned.items === 0 && stats.rowsTotal === 0) {
      throw new ImportFileError(422, 'EMPTY_FILE', ctx.format === 'geojson' ? 'The file has no features.' : 'The file has no records.');
    }
  }
  if (stats.rowsTotal === 0) throw new ImportFileError(422, 'EMPTY_FILE', 'The file has no rows.');
  return { mapping };
}

function mappingError(found: { unknown: string[]; missing: string[] }, columns: string[]): ImportFileError {
  const parts: string[] = [];
  if (found.unknown.length > 0) parts.push(`no column named ${found.unknown.map((u) => `"${u}"`).join(', ')}`);
  if (found.missing.length > 0) parts.push(`choose a column for ${found.missing.join(' and ')}`);
  return new ImportFileError(
    422,
    'MAPPING_INCOMPLETE',
    `The column mapping does not fit the file: ${parts.join('; ')}. The file's columns: ${columns.slice(0, 40).join(', ')}.`,
  );
}

// ---------------------------------------------------------------------------------------------
// Areas
// ---------------------------------------------------------------------------------------------

export async function readAreas(
  source: TextSource,
  options: ImportOptions,
  stats: ImportStats,
  limits: ReadLimits,
  onAreas: (areas: { area: PreparedArea; row: number }[]) => Promise<void> | void,
): Promise<void> {
  let first = true;
  let crs = options.crs ?? 'auto';
  const handle = async (batch: JsonItem[]) => {
    const areas: { area: PreparedArea; row: number }[] = [];
    for (const item of batch) {
      if (first) {
        checkFirstItem('areas', item.value);
        first = false;
      }
      stats.rowsTotal++;
      try {
        areas.push({ area: areaFromFeature(item.value, options, crs), row: item.index });
        stats.rowsPrepared++;
      } catch (error) {
        if (!(error instanceof RowProblem)) throw error;
        stats.errors.add(item.index, error.column, error.code, error.message);
      }
    }
    if (areas.length > 0) await onAreas(areas);
  };
  const result = await readJson(
    source,
    { itemKeys: ['features'], root: 'object', maxItemChars: limits.maxItemChars },
    async (batch, scanner) => {
      if (first && options.crs === undefined) crs = crsFromPrefix(scanner.skeletonSoFar) ?? 'auto';
      await handle(batch);
    },
  );
  if (result.items === 0 && isObject(result.skeleton) && result.skeleton.type === 'Feature') {
    await handle([{ value: result.skeleton, index: 1 }]);
  }
  if (stats.rowsTotal === 0) throw new ImportFileError(422, 'EMPTY_FILE', 'The file has no features.');
}
