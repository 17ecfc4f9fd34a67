import { must, type ImportFormat, type ImportOptions, type ImportPreview, type PreviewQuery } from '@lagesbild/shared';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { HttpError } from '../../plugins/errors';
import { nameProperty } from './areas';
import { csvLayout, csvPoint } from './csv-rows';
import { encodingFromContentType } from './decode';
import { classify, mappingOf, pointContext, resolveTemplate, type ImportActor } from './import-context';
import { ImportFileError } from './import-errors';
import { ImportStats } from './import-stats';
import { geoJsonPoint, open311Point } from './json-rows';
import { DEFAULT_LIMITS, readCsv, readJson, TextSource, checkFirstItem } from './pipeline';
import { policePoint } from './police-rows';
import { prepare, previewText, type PreparedPoint } from './rows';
import { missingFields, suggestMapping } from './suggest-mapping';

/**
 * What a file would import, before anything is written: its format (sniffed unless given), the
 * first rows as read, the column mapping suggested, and each row as it would be stored.
 */

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
  return previewText(value).slice(0, 200);
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
    const ctx =
      format === 'areas'
        ? undefined
        : await pointContext(db, actor.collaborationId, format, must(pointSource, 'the point source'), 'preview', given);
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
      const system = rowStats.coordinateSystem;
      if (point && system) stats.coordinateSystems.set(system, (stats.coordinateSystems.get(system) ?? 0) + 1);
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
          previewRow(r.line, (s) => csvPoint({ ...must(ctx, 'the point context'), options: mapping }, s, layout, r.fields));
      }
    } else {
      const items: { value: unknown; index: number }[] = [];
      const itemKeys = format === 'open311' ? ['service_requests'] : format === 'police' ? [] : ['features'];
      const root = format === 'police' ? 'array' : format === 'open311' ? 'both' : 'object';
      await readJson(source, { itemKeys, root, maxItemChars: DEFAULT_LIMITS.maxItemChars }, (batch) => {
        for (const item of batch) if (items.length < PREVIEW_ROWS) items.push(item);
      });
      if (items[0]) checkFirstItem(format, items[0].value);
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
        for (const item of items)
          previewRow(item.index, (s) => build({ ...must(ctx, 'the point context'), options: mapping }, s, item.value));
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
