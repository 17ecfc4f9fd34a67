import {
  categoryCodes,
  importFormats,
  mappingFields,
  type AgencyKind,
  type CategoryCode,
  type CategoryMappingBody,
  type CategoryMappingItem,
  type CategoryMappingResult,
  type DataClassification,
  type ImportFormat,
  type ImportOptions,
  type ImportPreview,
  type ImportProgress,
  type ImportQuery,
  type ImportResult,
  type ImportSource,
  type ImportSummary,
  type ImportTemplate,
  type ImportTemplateBody,
  type PointSource,
  type PreviewQuery,
  type RowError,
} from '@lagesbild/shared';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { HttpError } from '../../plugins/errors';
import { areaShapes, deleteAreasOfImport, insertAreas, sameNamedAreas } from '../areas/area-service';
import { recordAudit } from '../audit/audit-repository';
import { disclose } from '../overview/overview-service';
import * as pointStore from '../points/point-service';
import { AreaIndex } from './area-index';
import { nameProperty, type PreparedArea } from './areas';
import { encodingFromContentType } from './decode';
import { ImportFileError, MAX_STORED_ERRORS } from './import-errors';
import * as repo from './import-repository';
import { DEFAULT_LIMITS, readAreas, readCsv, readJson, readPoints, TextSource, checkFirstItem, type ReadLimits } from './pipeline';
import { csvLayout, csvPoint } from './csv-rows';
import { ImportStats } from './import-stats';
import { geoJsonPoint, open311Point } from './json-rows';
import { policePoint } from './police-rows';
import { prepare, type PointContext, type PreparedPoint } from './rows';
import { Spool } from './spool';
import { missingFields, suggestMapping } from './suggest-mapping';
import { categoryResolver, normaliseType } from './type-mapping';

/**
 * Imports, end to end: read and check the whole file first (streamed, to a spool on disk, nothing
 * written), then write it in one transaction: the batch row, the points (or areas, followed by
 * re-assigning every point to its area), the audit entry. Used by the API and by the CLI alike.
 */
export interface ImportActor {
  collaborationId: string;
  /** null: the CLI, run by whoever operates the server. */
  userId: string | null;
  /** null: the CLI operator, who may import anything. */
  agencyKind: AgencyKind | null;
  via: 'api' | 'cli';
}

export interface ImportInput {
  query: ImportQuery;
  body: AsyncIterable<Buffer | string>;
  contentType?: string;
  limits?: Partial<ReadLimits>;
  onProgress?: (progress: ImportProgress) => void;
  /** Called once the file has been read and accepted, just before writing starts. */
  onWriting?: () => void;
}

const WRITE_BATCH = 5000;
const REASSIGN_PAGE = 10_000;
/** Rows after which reading reports progress. */
const PROGRESS_EVERY = 5000;

function seesPoliceOnly(actor: ImportActor): boolean {
  return actor.agencyKind === null || actor.agencyKind === 'police';
}

function defaultSourceName(format: ImportFormat): string {
  return format === 'police' ? 'polisen' : format;
}

/** Where the rows come from and who may see them raw, from the format and the chosen source. */
export function classify(
  format: ImportFormat,
  source: ImportSource | undefined,
): { source: ImportSource | null; classification: DataClassification | null } {
  if (format === 'areas') return { source: null, classification: null };
  if (format === 'police') {
    if (source === 'municipality') {
      throw new HttpError(422, 'SOURCE_MISMATCH', 'The police events feed is police data: import it with source=police.', {
        details: [{ path: 'querystring.source', message: 'must be police for the police feed' }],
      });
    }
    // The public events feed is published on polisen.se: internal use, public only in aggregate.
    return { source: 'police', classification: 'public_aggregate' };
  }
  const chosen = source ?? 'municipality';
  return { source: chosen, classification: chosen === 'police' ? 'police_only' : 'internal' };
}

function mappingOf(query: Partial<ImportOptions>): ImportOptions {
  const keys = [
    'encoding',
    'delimiter',
    'crs',
    ...mappingFields,
    'category',
    'nameField',
    'populationField',
    'kind',
    'includeAllTypes',
  ] as const;
  const options: Record<string, unknown> = {};
  for (const key of keys) if (query[key] !== undefined) options[key] = query[key];
  return options as ImportOptions;
}

async function resolveTemplate(db: Kysely<Database>, actor: ImportActor, templateId: string | undefined, format: ImportFormat | undefined) {
  if (!templateId) return undefined;
  const template = await repo.findTemplate(db, actor.collaborationId, templateId);
  if (!template) throw new HttpError(404, 'TEMPLATE_NOT_FOUND', 'no such import template in your collaboration');
  if (format && template.format !== format) {
    throw new HttpError(422, 'TEMPLATE_FORMAT', `The template "${template.name}" is for ${template.format} files, not ${format}.`);
  }
  return template;
}

async function pointContext(
  db: Kysely<Database>,
  collaborationId: string,
  format: PointContext['format'],
  source: PointSource,
  namespace: string,
  options: ImportOptions,
): Promise<PointContext> {
  const [shapes, mappings] = await Promise.all([areaShapes(db, collaborationId, 'id'), repo.loadMappings(db, collaborationId, source)]);
  const custom = new Map(mappings.map((m) => [m.external_type, m.category]));
  return {
    format,
    namespace,
    options,
    areas: new AreaIndex(shapes),
    resolveCategory: categoryResolver(source, custom),
    latestMs: Date.now() + 86_400_000,
  };
}

function sortedCounts(map: Map<string, number>): [string, number][] {
  return [...map.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0], 'sv'));
}

function fileErrorDetails(errors: readonly RowError[]): { path: string; message: string }[] {
  return errors.slice(0, 100).map((e) => ({ path: `rows.${e.row ?? 0}${e.column ? `.${e.column}` : ''}`, message: e.message }));
}

// ---------------------------------------------------------------------------------------------
// Results
// ---------------------------------------------------------------------------------------------

interface Summary {
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

function summaryOf(stats: ImportStats, extra: Partial<Summary>): Summary {
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

// ---------------------------------------------------------------------------------------------
// Areas after a change of boundaries
// ---------------------------------------------------------------------------------------------

/**
 * Puts every point of the collaboration in the area that contains it; returns how many moved. A
 * point known only to its area keeps the area it was given while that area still contains it
 * (its level, municipality or district, was chosen on purpose); otherwise it gets the largest.
 */
export async function reassignAreas(db: Kysely<Database>, collaborationId: string, onProgress?: (done: number) => void): Promise<number> {
  const index = new AreaIndex(await areaShapes(db, collaborationId, 'id'));
  let after: string | null = null;
  let moved = 0;
  let done = 0;
  for (;;) {
    const page = await pointStore.pointPage(db, collaborationId, after, REASSIGN_PAGE);
    if (page.length === 0) break;
    const changes: { id: string; areaId: string | null }[] = [];
    for (const p of page) {
      const coarse = p.precision === 'area';
      if (coarse && p.area_id && index.areaContains(p.area_id, p.lon, p.lat)) continue;
      const areaId = index.locate(p.lon, p.lat, coarse);
      if (areaId !== p.area_id) changes.push({ id: p.id, areaId });
    }
    await pointStore.setPointAreas(db, collaborationId, changes);
    moved += changes.length;
    done += page.length;
    onProgress?.(done);
    after = page[page.length - 1]!.id;
  }
  return moved;
}

// ---------------------------------------------------------------------------------------------
// Running an import
// ---------------------------------------------------------------------------------------------

class StrictFailure extends Error {}

export async function runImport(db: Kysely<Database>, actor: ImportActor, input: ImportInput): Promise<ImportResult> {
  const { query } = input;
  const limits: ReadLimits = { ...DEFAULT_LIMITS, ...input.limits };
  const { source, classification } = classify(query.format, query.source);
  if (classification === 'police_only' && !seesPoliceOnly(actor)) {
    throw new HttpError(
      403,
      'POLICE_AGENCY_REQUIRED',
      'Police-internal data (source=police) can only be imported by police staff; the public events feed is format=police.',
    );
  }
  const template = await resolveTemplate(db, actor, query.templateId, query.format);
  const options: ImportOptions = { ...((template?.options ?? {}) as ImportOptions), ...mappingOf(query) };
  const sourceName = (query.sourceName ?? template?.name ?? defaultSourceName(query.format)).trim();
  const base = {
    collaborationId: actor.collaborationId,
    format: query.format,
    source,
    sourceName,
    classification,
    fileName: query.fileName ?? null,
    strict: query.strict ?? false,
    via: actor.via,
    createdBy: actor.userId,
  };

  const stats = new ImportStats();
  let spool: Spool | undefined;
  let text: TextSource | undefined;
  let mapping = options;
  try {
    const encoding = options.encoding ?? encodingFromContentType(input.contentType) ?? 'auto';
    text = new TextSource(input.body, encoding, limits.maxBytes);
    spool = await Spool.create();
    const sink = spool;
    let reported = 0;
    const onRecords = (n: number) => {
      if (n - reported >= PROGRESS_EVERY) {
        reported = n;
        input.onProgress?.({ phase: 'reading', rowsProcessed: n });
      }
    };
    if (query.format === 'areas') {
      await readAreas(text, options, stats, limits, (areas) => sink.write(areas));
    } else {
      const ctx = await pointContext(
        db,
        actor.collaborationId,
        query.format,
        source!,
        query.format === 'police' ? 'polisen' : sourceName,
        options,
      );
      const read = await readPoints(text, ctx, stats, limits, (points) => sink.write(points), onRecords);
      mapping = read.mapping;
    }
    stats.encoding = text.encoding;
    await spool.close();
  } catch (error) {
    await spool?.remove();
    if (error instanceof ImportFileError) {
      await repo.insertBatch(db, {
        ...base,
        contentHash: null,
        bytes: text?.bytes ?? 0,
        status: 'failed',
        rowsTotal: stats.rowsTotal,
        errors: [{ row: null, column: null, code: error.code, message: error.message }],
        summary: { mapping: options },
      });
      throw new HttpError(error.status, error.code, error.message);
    }
    throw error;
  }

  const contentHash = text.contentHash;
  const recordFailure = async (errors: RowError[], failed: number, extra: Partial<Summary>) => {
    await repo.insertBatch(db, {
      ...base,
      contentHash,
      bytes: text.bytes,
      status: 'failed',
      rowsTotal: stats.rowsTotal,
      rowsFailed: failed,
      errors,
      summary: { ...summaryOf(stats, extra), mapping } as Record<string, unknown>,
    });
  };
  const strictError = (errors: readonly RowError[], failed: number) =>
    new HttpError(422, 'STRICT_IMPORT_FAILED', `${failed} of ${stats.rowsTotal} rows have errors; in strict mode nothing was imported.`, {
      details: fileErrorDetails(errors),
    });

  try {
    if (base.strict && stats.errors.count > 0) {
      await recordFailure(stats.errors.kept, stats.errors.count, {});
      throw strictError(stats.errors.kept, stats.errors.count);
    }
    input.onWriting?.();
    const sameFileAs = (await repo.findSameFile(db, actor.collaborationId, contentHash, query.format)) ?? null;
    const rowsTotal = stats.rowsTotal;
    const toWrite = spool.lines;
    const extraErrors: RowError[] = [];
    let id: string;
    try {
      id = await db.transaction().execute(async (trx) => {
        const batchId = await repo.insertBatch(trx, { ...base, contentHash, bytes: text.bytes, status: 'running' });
        let imported = 0;
        let duplicates = 0;
        let reassigned: number | null = null;
        if (query.format === 'areas') {
          const kind = options.kind ?? 'district';
          const seen = new Set<string>();
          for await (const { json } of spool.batches(200)) {
            const fresh: PreparedArea[] = [];
            const batch = (JSON.parse(json) as { area: PreparedArea; row: number }[]).filter(({ area, row }) => {
              if (!seen.has(area.name)) {
                seen.add(area.name);
                return true;
              }
              extraErrors.push({
                row,
                column: 'name',
                code: 'duplicate_name',
                message: `Another feature of the file is also called "${area.name}".`,
              });
              return false;
            });
            const existing = await sameNamedAreas(
              trx,
              actor.collaborationId,
              kind,
              batch.map((a) => a.area),
            );
            for (const { area, row } of batch) {
              const same = existing.get(area.name);
              if (same === true) duplicates++;
              else if (same === false) {
                extraErrors.push({
                  row,
                  column: 'name',
                  code: 'area_exists',
                  message: `An area "${area.name}" with another boundary already exists; undo its import first or rename this one.`,
                });
              } else fresh.push(area);
            }
            if (base.strict && extraErrors.length > 0) throw new StrictFailure();
            await insertAreas(trx, actor.collaborationId, batchId, fresh);
            imported += fresh.length;
          }
          reassigned = await reassignAreas(trx, actor.collaborationId, (n) => input.onProgress?.({ phase: 'assigning', rowsProcessed: n }));
        } else {
          const target = { collaborationId: actor.collaborationId, source: source!, classification: classification!, importId: batchId };
          let written = 0;
          for await (const { json, count } of spool.batches(WRITE_BATCH)) {
            imported += await pointStore.insertImportedJson(trx, target, json);
            written += count;
            input.onProgress?.({ phase: 'writing', rowsProcessed: written, rowsTotal: toWrite });
          }
          duplicates = toWrite - imported;
        }
        const errors = [...stats.errors.kept, ...extraErrors].slice(0, MAX_STORED_ERRORS);
        const rowsFailed = stats.errors.count + extraErrors.length;
        if (duplicates > 0) stats.skipped.set('duplicate', (stats.skipped.get('duplicate') ?? 0) + duplicates);
        await repo.finishBatch(trx, batchId, {
          rowsTotal,
          rowsImported: imported,
          rowsSkipped: stats.rowsSkipped,
          rowsFailed,
          errors,
          summary: {
            ...summaryOf(stats, { sameFileAs, pointsReassigned: reassigned }),
            errorsTruncated: rowsFailed > errors.length,
            mapping,
          } as Record<string, unknown>,
        });
        await recordAudit(trx, {
          collaborationId: actor.collaborationId,
          actorUserId: actor.userId,
          action: 'import.run',
          targetType: 'import',
          targetId: batchId,
          details: { format: query.format, source, rowsImported: imported, rowsSkipped: stats.rowsSkipped, rowsFailed, via: actor.via },
        });
        return batchId;
      });
    } catch (error) {
      if (error instanceof StrictFailure) {
        const errors = [...stats.errors.kept, ...extraErrors];
        await recordFailure(errors.slice(0, MAX_STORED_ERRORS), stats.errors.count + extraErrors.length, {});
        throw strictError(errors, stats.errors.count + extraErrors.length);
      }
      throw error;
    }
    const row = await repo.findBatch(db, actor.collaborationId, id, true);
    return toResult(row!);
  } finally {
    await spool.remove();
  }
}

// ---------------------------------------------------------------------------------------------
// Preview
// ---------------------------------------------------------------------------------------------

const PREVIEW_ROWS = 10;
export const PREVIEW_BYTES = 512 * 1024;

/**
 * The first `max` bytes of the upload; the rest is read and dropped (it has to leave the
 * connection anyway), up to the upload limit.
 */
async function collect(body: AsyncIterable<Buffer | string>, max: number, limit: number): Promise<{ bytes: Buffer; truncated: boolean }> {
  const parts: Buffer[] = [];
  let kept = 0;
  let total = 0;
  for await (const raw of body) {
    const chunk = typeof raw === 'string' ? Buffer.from(raw) : raw;
    total += chunk.length;
    if (total > limit)
      throw new ImportFileError(
        413,
        'FILE_TOO_LARGE',
        `The file is larger than ${Math.round(limit / 1_048_576)} MB, the most one import takes.`,
      );
    if (kept < max) {
      parts.push(chunk);
      kept += chunk.length;
    }
  }
  const all = Buffer.concat(parts);
  return { bytes: all.subarray(0, max), truncated: total > max };
}

function sniffFormat(text: string): ImportFormat {
  const start = text.trimStart();
  if (!start.startsWith('{') && !start.startsWith('[')) return 'csv';
  if (/"service_request_id"|"requested_datetime"/.test(start.slice(0, 20_000))) return 'open311';
  if (start.startsWith('[') && /"datetime"\s*:/.test(start.slice(0, 20_000)) && /"location"\s*:/.test(start.slice(0, 20_000)))
    return 'police';
  if (/"type"\s*:\s*"(Multi)?Polygon"/.test(start.slice(0, 200_000))) return 'areas';
  return 'geojson';
}

function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'object') return JSON.stringify(value).slice(0, 200);
  return String(value).slice(0, 200);
}

function flatten(item: unknown, format: ImportFormat): Record<string, unknown> {
  if (typeof item !== 'object' || item === null) return {};
  const record = item as Record<string, unknown>;
  if (format === 'geojson' || format === 'areas') {
    const props = typeof record.properties === 'object' && record.properties !== null ? (record.properties as Record<string, unknown>) : {};
    const geometry = record.geometry as { type?: unknown } | null | undefined;
    return { ...props, geometry: geometry && typeof geometry === 'object' ? String(geometry.type) : '' };
  }
  if (format === 'police') {
    const location = (record.location ?? {}) as Record<string, unknown>;
    return {
      id: record.id,
      datetime: record.datetime,
      name: record.name,
      type: record.type,
      'location.name': location.name,
      'location.gps': location.gps,
      summary: record.summary,
    };
  }
  return record;
}

export async function previewImport(
  db: Kysely<Database>,
  actor: ImportActor,
  query: PreviewQuery,
  body: AsyncIterable<Buffer | string>,
  contentType?: string,
  maxBytes: number = DEFAULT_LIMITS.maxBytes,
): Promise<ImportPreview> {
  const requested = query.format && query.format !== 'auto' ? query.format : undefined;
  const template = await resolveTemplate(db, actor, query.templateId, requested);
  const given: ImportOptions = { ...((template?.options ?? {}) as ImportOptions), ...mappingOf(query) };
  try {
    const { bytes, truncated } = await collect(body, PREVIEW_BYTES, maxBytes);
    const encoding = given.encoding ?? encodingFromContentType(contentType) ?? 'auto';
    const make = () => {
      const source = new TextSource([bytes], encoding, PREVIEW_BYTES + 1);
      source.truncated = truncated;
      return source;
    };
    let format: ImportFormat = requested ?? template?.format ?? 'csv';
    if (!requested && !template) {
      let head = '';
      for await (const t of make().text()) {
        head += t;
        if (head.length > 200_000) break;
      }
      format = sniffFormat(head);
    }
    const stats = new ImportStats();
    const source = make();
    let columns: string[] = [];
    let rows: string[][] = [];
    let mapping: ImportOptions = given;
    const parsed: ImportPreview['parsed'] = [];
    const { source: pointSource } = classify(format, format === 'police' ? 'police' : query.source);
    const ctx = format === 'areas' ? undefined : await pointContext(db, actor.collaborationId, format, pointSource!, 'preview', given);
    const previewRow = (row: number, build: (rowStats: ImportStats) => PreparedPoint | null) => {
      const rowStats = new ImportStats();
      const point = prepare(rowStats, row, () => build(rowStats));
      const skip = [...rowStats.skipped.keys()][0] ?? null;
      parsed.push({
        row,
        externalType: point?.externalType ?? null,
        category: point?.category ?? null,
        occurredAt: point?.occurredAt ?? null,
        lat: point?.lat ?? null,
        lon: point?.lon ?? null,
        skip,
        errors: rowStats.errors.kept,
      });
      if (point)
        stats.coordinateSystems.set(rowStats.coordinateSystem!, (stats.coordinateSystems.get(rowStats.coordinateSystem!) ?? 0) + 1);
    };
    if (format === 'csv') {
      const records: { fields: string[]; line: number }[] = [];
      const { delimiter } = await readCsv(
        source,
        { delimiter: given.delimiter, maxRecordChars: DEFAULT_LIMITS.maxRecordChars },
        {
          header: (c) => (columns = c),
          rows: (batch) => {
            for (const r of batch) if (records.length < 50) records.push(r);
          },
        },
      );
      stats.delimiter = delimiter;
      mapping = suggestMapping(
        columns,
        records.map((r) => r.fields),
        given,
      );
      rows = records.slice(0, PREVIEW_ROWS).map((r) => columns.map((_, i) => r.fields[i] ?? ''));
      const layout = csvLayout(columns, mapping);
      if (!('unknown' in layout)) {
        for (const r of records.slice(0, PREVIEW_ROWS))
          previewRow(r.line, (s) => csvPoint({ ...ctx!, options: mapping }, s, layout, r.fields));
      }
    } else {
      const items: { value: unknown; index: number }[] = [];
      const itemKeys = format === 'open311' ? ['service_requests'] : format === 'police' ? [] : ['features'];
      const root = format === 'police' ? 'array' : format === 'open311' ? 'both' : 'object';
      await readJson(source, { itemKeys, root, maxItemChars: DEFAULT_LIMITS.maxItemChars }, (batch) => {
        for (const item of batch) if (items.length < PREVIEW_ROWS) items.push(item);
      });
      if (items[0]) checkFirstItem(format as 'geojson' | 'police' | 'open311' | 'areas', items[0].value);
      const flat = items.map((i) => flatten(i.value, format));
      columns = [...new Set(flat.flatMap((f) => Object.keys(f)))].slice(0, 60);
      rows = flat.map((f) => columns.map((c) => cellText(f[c])));
      if (format === 'geojson')
        mapping = suggestMapping(
          columns.filter((c) => c !== 'geometry'),
          rows,
          given,
        );
      if (format === 'areas') {
        const first = flat[0] ?? {};
        const name = nameProperty(first, given.nameField);
        mapping = { ...given, ...(name ? { nameField: name } : {}), kind: given.kind ?? 'district' };
      } else {
        const build = format === 'geojson' ? geoJsonPoint : format === 'open311' ? open311Point : policePoint;
        for (const item of items) previewRow(item.index, (s) => build({ ...ctx!, options: mapping }, s, item.value));
      }
    }
    return {
      format,
      detected: {
        encoding: source.encoding,
        delimiter: stats.delimiter === '\t' ? 'tab' : stats.delimiter,
        coordinateSystem: stats.coordinateSystem,
      },
      columns,
      rows,
      mapping,
      parsed,
      truncated,
      missing: format === 'csv' || format === 'geojson' ? missingFields(mapping, format) : [],
    };
  } catch (error) {
    if (error instanceof ImportFileError) throw new HttpError(error.status, error.code, error.message);
    throw error;
  }
}

// ---------------------------------------------------------------------------------------------
// Reading, undoing
// ---------------------------------------------------------------------------------------------

export async function listImports(db: Kysely<Database>, actor: ImportActor, limit: number): Promise<ImportSummary[]> {
  return (await repo.listBatches(db, actor.collaborationId, seesPoliceOnly(actor), limit)).map(toSummary);
}

export async function getImport(db: Kysely<Database>, actor: ImportActor, id: string): Promise<ImportResult> {
  const row = await repo.findBatch(db, actor.collaborationId, id, seesPoliceOnly(actor));
  if (!row) throw new HttpError(404, 'IMPORT_NOT_FOUND', 'no such import in your collaboration');
  return toResult(row);
}

/** Removes exactly the rows (or areas) an import added; areas removed → points re-assigned. */
export async function undoImport(db: Kysely<Database>, actor: ImportActor, id: string): Promise<ImportResult> {
  await db.transaction().execute(async (trx) => {
    const row = await repo.findBatch(trx, actor.collaborationId, id, seesPoliceOnly(actor));
    if (!row) throw new HttpError(404, 'IMPORT_NOT_FOUND', 'no such import in your collaboration');
    if (row.status === 'undone') throw new HttpError(409, 'ALREADY_UNDONE', 'This import has already been undone.');
    if (row.status !== 'done') throw new HttpError(409, 'NOT_UNDOABLE', 'This import did not write anything, so there is nothing to undo.');
    let removed: number;
    if (row.format === 'areas') {
      removed = await deleteAreasOfImport(trx, actor.collaborationId, id);
      await reassignAreas(trx, actor.collaborationId);
    } else {
      removed = await pointStore.deletePointsOfImport(trx, actor.collaborationId, id);
    }
    await repo.markUndone(trx, id, actor.userId);
    await recordAudit(trx, {
      collaborationId: actor.collaborationId,
      actorUserId: actor.userId,
      action: 'import.undo',
      targetType: 'import',
      targetId: id,
      details: { rowsRemoved: removed, via: actor.via },
    });
  });
  return getImport(db, actor, id);
}

// ---------------------------------------------------------------------------------------------
// Templates
// ---------------------------------------------------------------------------------------------

function toTemplate(row: Awaited<ReturnType<typeof repo.listTemplates>>[number]): ImportTemplate {
  return {
    id: row.id,
    name: row.name,
    format: row.format,
    source: row.source,
    options: row.options as ImportOptions,
    updatedAt: row.updated_at.toISOString(),
  };
}

export async function listTemplates(db: Kysely<Database>, actor: ImportActor): Promise<ImportTemplate[]> {
  return (await repo.listTemplates(db, actor.collaborationId)).map(toTemplate);
}

export async function saveTemplate(db: Kysely<Database>, actor: ImportActor, body: ImportTemplateBody): Promise<ImportTemplate> {
  if (!importFormats.includes(body.format)) throw new HttpError(422, 'UNKNOWN_FORMAT', 'unknown format');
  return db.transaction().execute(async (trx) => {
    const row = await repo.upsertTemplate(trx, {
      collaborationId: actor.collaborationId,
      name: body.name.trim(),
      format: body.format,
      source: body.source ?? null,
      options: mappingOf(body.options),
      userId: actor.userId,
    });
    await recordAudit(trx, {
      collaborationId: actor.collaborationId,
      actorUserId: actor.userId,
      action: 'import.template.save',
      targetType: 'import_template',
      targetId: row.id,
    });
    return toTemplate(row);
  });
}

export async function deleteTemplate(db: Kysely<Database>, actor: ImportActor, id: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    if (!(await repo.deleteTemplate(trx, actor.collaborationId, id)))
      throw new HttpError(404, 'TEMPLATE_NOT_FOUND', 'no such import template in your collaboration');
    await recordAudit(trx, {
      collaborationId: actor.collaborationId,
      actorUserId: actor.userId,
      action: 'import.template.delete',
      targetType: 'import_template',
      targetId: id,
    });
  });
}

// ---------------------------------------------------------------------------------------------
// Category mappings
// ---------------------------------------------------------------------------------------------

function addCounts(a: number | null, b: number | null): number | null {
  return a === null || b === null ? null : a + b;
}

/** Every imported type with the category it maps to (own mapping, default or unmapped) and its rows. */
export async function listMappings(db: Kysely<Database>, actor: ImportActor, source?: PointSource): Promise<CategoryMappingItem[]> {
  const [counts, custom, threshold] = await Promise.all([
    pointStore.importedTypeCounts(db, actor.collaborationId, source),
    repo.loadMappings(db, actor.collaborationId, source),
    repo.collaborationThreshold(db, actor.collaborationId),
  ]);
  const isPolice = seesPoliceOnly(actor);
  const items = new Map<string, { source: PointSource; externalType: string; policeOnly: number; others: number }>();
  for (const c of counts) {
    const key = `${c.source}\u0000${normaliseType(c.external_type)}`;
    const item = items.get(key) ?? { source: c.source, externalType: c.external_type, policeOnly: 0, others: 0 };
    item.policeOnly += c.police_only;
    item.others += c.others;
    items.set(key, item);
  }
  for (const m of custom) {
    const key = `${m.source}\u0000${m.external_type}`;
    if (!items.has(key)) items.set(key, { source: m.source, externalType: m.external_type, policeOnly: 0, others: 0 });
  }
  const customMap = new Map(custom.map((m) => [`${m.source}\u0000${m.external_type}`, m.category]));
  const resolvers = new Map<PointSource, ReturnType<typeof categoryResolver>>();
  const result: CategoryMappingItem[] = [...items.entries()].map(([key, item]) => {
    let resolve = resolvers.get(item.source);
    if (!resolve) {
      resolve = categoryResolver(
        item.source,
        new Map(custom.filter((m) => m.source === item.source).map((m) => [m.external_type, m.category])),
      );
      resolvers.set(item.source, resolve);
    }
    const resolved = customMap.has(key) ? { category: customMap.get(key)!, origin: 'custom' as const } : resolve(item.externalType);
    return {
      source: item.source,
      externalType: item.externalType,
      category: resolved.category,
      origin: resolved.origin,
      rows: addCounts(disclose(item.policeOnly, true, isPolice, threshold), item.others),
    };
  });
  const rank = { unmapped: 0, custom: 1, default: 2 };
  return result.sort(
    (a, b) => rank[a.origin] - rank[b.origin] || (b.rows ?? 0) - (a.rows ?? 0) || a.externalType.localeCompare(b.externalType, 'sv'),
  );
}

/** Maps a source type onto a category and re-categorises the rows already imported with it. */
export async function setMapping(db: Kysely<Database>, actor: ImportActor, body: CategoryMappingBody): Promise<CategoryMappingResult> {
  if (!categoryCodes.includes(body.category as CategoryCode)) throw new HttpError(422, 'UNKNOWN_CATEGORY', 'unknown category');
  const key = normaliseType(body.externalType);
  return db.transaction().execute(async (trx) => {
    const mappingId = await repo.upsertMapping(trx, {
      collaborationId: actor.collaborationId,
      source: body.source,
      key,
      category: body.category,
      userId: actor.userId,
    });
    const spellings = (await pointStore.importedTypeCounts(trx, actor.collaborationId, body.source))
      .map((c) => c.external_type)
      .filter((t) => normaliseType(t) === key);
    const changed = await pointStore.recategoriseImported(trx, actor.collaborationId, body.source, spellings, body.category);
    const threshold = await repo.collaborationThreshold(trx, actor.collaborationId);
    await recordAudit(trx, {
      collaborationId: actor.collaborationId,
      actorUserId: actor.userId,
      action: 'import.mapping',
      targetType: 'category_mapping',
      targetId: mappingId,
      details: { source: body.source, category: body.category },
    });
    return {
      source: body.source,
      externalType: body.externalType.trim(),
      category: body.category,
      rowsRecategorised: addCounts(disclose(changed.police_only, true, seesPoliceOnly(actor), threshold), changed.others),
    };
  });
}
