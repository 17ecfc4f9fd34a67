import { createReadStream, existsSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { must, ImportQuery, type ImportProgress, type ImportResult } from '@lagesbild/shared';
import type { Kysely } from 'kysely';
import { Value } from 'typebox/value';
import type { AppConfig } from '../../config';
import { migrateToLatest } from '../../db/migrate';
import type { Database } from '../../db/schema';
import { HttpError } from '../../plugins/errors';
import { findCollaborationBySlug } from './import-repository';
import type { ImportActor } from './import-context';
import { runImport } from './import-run';
import { listImports, undoImport } from './import-service';

/**
 * `pnpm cli import|undo|list …`: the same import service as the API, straight against the
 * database (DATABASE_URL, or the embedded one under DATA_DIR: stop the server first, the embedded
 * database takes one process at a time). The operator may import anything, police data included.
 */
export const USAGE = `usage:
  pnpm cli import --format csv|geojson|police|open311|areas --collaboration <slug> [options] FILE
  pnpm cli undo --collaboration <slug> IMPORT_ID
  pnpm cli list --collaboration <slug>

import options:
  --source municipality|police   who delivered the rows (default: police for the feed, else municipality)
  --source-name NAME             e.g. "Värnamohem EST": ids are unique per source name
  --strict                       import nothing if any row fails
  --template ID                  use a saved column mapping
  --encoding auto|utf-8|windows-1252|iso-8859-1|utf-16le|utf-16be
  --delimiter auto|,|;|tab|'|'   --crs auto|wgs84|sweref99tm|rt90
  --lat-field --lon-field --northing-field --easting-field --type-field
  --date-field --time-field --id-field --description-field NAME
  --category CODE                category for rows without a type
  --name-field NAME --population-field NAME --kind district|boundary|deso|custom   (areas)
  --include-all-types            police feed: keep summaries and other non-incident types
  --json                         print the whole result as JSON`;

const STRING_OPTIONS = [
  'format',
  'source',
  'source-name',
  'template',
  'encoding',
  'delimiter',
  'crs',
  'lat-field',
  'lon-field',
  'northing-field',
  'easting-field',
  'type-field',
  'date-field',
  'time-field',
  'id-field',
  'description-field',
  'category',
  'name-field',
  'population-field',
  'kind',
  'collaboration',
] as const;

const camel = (name: string) => name.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());

export class UsageError extends Error {}

export interface CliIo {
  out: (line: string) => void;
  err: (line: string) => void;
  /** Rewrite the progress line in place (a terminal) instead of a new line per update. */
  tty: boolean;
}

function format(n: number): string {
  return n.toLocaleString('sv-SE');
}

function printResult(io: CliIo, result: ImportResult): void {
  io.out(`import ${result.id}: ${result.status}`);
  io.out(
    `  rows: ${format(result.rowsTotal)} read, ${format(result.rowsImported)} imported, ${format(result.rowsSkipped)} skipped, ${format(result.rowsFailed)} failed`,
  );
  if (result.skipped.length > 0) io.out(`  skipped: ${result.skipped.map((s) => `${s.code} ${format(s.count)}`).join(', ')}`);
  if (result.warnings.length > 0) io.out(`  corrected: ${result.warnings.map((s) => `${s.code} ${format(s.count)}`).join(', ')}`);
  if (result.unmappedTypes.length > 0)
    io.out(`  unmapped types (in "other"): ${result.unmappedTypes.map((u) => `${u.type} (${u.count})`).join(', ')}`);
  if (result.pointsReassigned !== null) io.out(`  points re-assigned to areas: ${format(result.pointsReassigned)}`);
  if (result.sameFileAs) io.out(`  the same file was imported before as ${result.sameFileAs}`);
  for (const e of result.errors.slice(0, 20)) io.out(`  row ${e.row ?? '-'}${e.column ? ` (${e.column})` : ''}: ${e.message}`);
  if (result.rowsFailed > 20) io.out(`  … and ${format(result.rowsFailed - 20)} more row errors (pnpm cli list, or the staff pages)`);
}

export async function runCli(
  argv: string[],
  openDatabase: (config: AppConfig) => Promise<Kysely<Database>>,
  config: AppConfig,
  io: CliIo,
): Promise<number> {
  const [command, ...rest] = argv;
  if (command !== 'import' && command !== 'undo' && command !== 'list') throw new UsageError(USAGE);
  let parsed: ReturnType<typeof parseArgs<{ options: Record<string, { type: 'string' | 'boolean' }>; allowPositionals: true }>>;
  try {
    parsed = parseArgs({
      args: rest,
      allowPositionals: true,
      options: {
        ...Object.fromEntries(STRING_OPTIONS.map((o) => [o, { type: 'string' as const }])),
        strict: { type: 'boolean' },
        'include-all-types': { type: 'boolean' },
        json: { type: 'boolean' },
      },
    });
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\n\n${USAGE}`);
  }
  const values = parsed.values as Record<string, string | boolean | undefined>;
  const slug = values.collaboration;
  if (typeof slug !== 'string') throw new UsageError(`--collaboration is required\n\n${USAGE}`);

  let query: ImportQuery | undefined;
  let file: string | undefined;
  if (command === 'import') {
    file = parsed.positionals[0];
    if (!file || parsed.positionals.length > 1) throw new UsageError(`give exactly one FILE\n\n${USAGE}`);
    if (!existsSync(file) || !statSync(file).isFile()) throw new UsageError(`no such file: ${file}`);
    const candidate: Record<string, unknown> = { fileName: basename(file).slice(0, 255) };
    for (const option of STRING_OPTIONS) {
      if (option === 'collaboration' || values[option] === undefined) continue;
      candidate[option === 'template' ? 'templateId' : camel(option)] = values[option];
    }
    if (values.strict) candidate.strict = true;
    if (values['include-all-types']) candidate.includeAllTypes = true;
    if (!Value.Check(ImportQuery, candidate)) {
      const problems = [...Value.Errors(ImportQuery, candidate)].map((e) => `${e.instancePath || '/'} ${e.message}`);
      throw new UsageError(`invalid options: ${problems.join('; ')}\n\n${USAGE}`);
    }
    query = candidate;
  } else if (command === 'undo' && parsed.positionals.length !== 1) {
    throw new UsageError(`give exactly one IMPORT_ID\n\n${USAGE}`);
  }

  const db = await openDatabase(config);
  try {
    await migrateToLatest(db as Kysely<unknown>);
    const collaboration = await findCollaborationBySlug(db, slug);
    if (!collaboration) {
      io.err(`no collaboration with the slug "${slug}"`);
      return 1;
    }
    const actor: ImportActor = { collaborationId: collaboration.id, userId: null, agencyKind: null, via: 'cli' };
    try {
      if (command === 'list') {
        for (const i of await listImports(db, actor, 200)) {
          io.out(
            `${i.id}  ${i.createdAt}  ${i.status.padEnd(6)}  ${i.format.padEnd(7)}  ${i.sourceName}  ${i.rowsImported}/${i.rowsTotal}  ${i.fileName ?? ''}`,
          );
        }
        return 0;
      }
      if (command === 'undo') {
        const result = await undoImport(db, actor, must(parsed.positionals[0], 'the import id'));
        io.out(`import ${result.id} undone`);
        return 0;
      }
      const path = must(file, 'the file to import');
      const size = statSync(path).size;
      io.err(`importing ${basename(path)} (${format(Math.round(size / 1024))} KB) into ${collaboration.name}`);
      let last = '';
      const show = (p: ImportProgress) => {
        const line =
          p.phase === 'reading'
            ? `read ${format(p.rowsProcessed)} rows…`
            : p.phase === 'writing'
              ? `wrote ${format(p.rowsProcessed)} of ${format(p.rowsTotal ?? 0)} rows…`
              : `re-assigned areas for ${format(p.rowsProcessed)} points…`;
        if (line === last) return;
        last = line;
        if (io.tty) io.err(`\r${line}\u001b[K`);
        else io.err(line);
      };
      const result = await runImport(db, actor, {
        query: must(query, 'the import options'),
        body: createReadStream(path, { highWaterMark: 256 * 1024 }),
        limits: { maxBytes: Math.max(config.importMaxBytes, size) },
        onProgress: show,
      });
      if (io.tty && last) io.err('\n');
      if (values.json) io.out(JSON.stringify(result, null, 2));
      else printResult(io, result);
      return 0;
    } catch (error) {
      if (error instanceof HttpError) {
        io.err(`${error.code}: ${error.message}`);
        for (const d of (error.details ?? []).slice(0, 20)) io.err(`  ${d.path}: ${d.message}`);
        return 1;
      }
      throw error;
    }
  } finally {
    await db.destroy();
  }
}
