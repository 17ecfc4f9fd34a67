import {
  must,
  type ImportFormat,
  type ImportOptions,
  type ImportProgress,
  type ImportQuery,
  type ImportResult,
  type RowError,
} from '@lagesbild/shared';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { HttpError } from '../../plugins/errors';
import { insertAreas, sameNamedAreas } from '../areas/area-service';
import { recordAudit } from '../audit/audit-repository';
import * as pointStore from '../points/point-service';
import type { PreparedArea } from './areas';
import { encodingFromContentType } from './decode';
import { classify, mappingOf, pointContext, resolveTemplate, seesPoliceOnly, type ImportActor } from './import-context';
import { ImportFileError, MAX_STORED_ERRORS } from './import-errors';
import * as repo from './import-repository';
import { summaryOf, toResult, type Summary } from './import-results';
import { ImportStats } from './import-stats';
import { DEFAULT_LIMITS, readAreas, readPoints, TextSource, type ReadLimits } from './pipeline';
import { reassignAreas } from './reassign-areas';
import { Spool } from './spool';

/**
 * Imports, end to end: read and check the whole file first (streamed, to a spool on disk, nothing
 * written), then write it in one transaction: the batch row, the points (or areas, followed by
 * re-assigning every point to its area), the audit entry. Used by the API and by the CLI alike.
 */

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
/** Rows after which reading reports progress. */
const PROGRESS_EVERY = 5000;

function defaultSourceName(format: ImportFormat): string {
  return format === 'police' ? 'polisen' : format;
}

function fileErrorDetails(errors: readonly RowError[]): { path: string; message: string }[] {
  return errors.slice(0, 100).map((e) => ({ path: `rows.${e.row ?? 0}${e.column ? `.${e.column}` : ''}`, message: e.message }));
}

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
        must(source, 'the point source'),
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
      summary: { ...summaryOf(stats, extra), mapping },
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
          const target = {
            collaborationId: actor.collaborationId,
            source: must(source, 'the point source'),
            classification: must(classification, 'the classification'),
            importId: batchId,
          };
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
        stats.noteNothingKept();
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
          },
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
    return toResult(must(row, 'the import just run'));
  } finally {
    await spool.remove();
  }
}
