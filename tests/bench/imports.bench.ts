// Imports: a generated 1M-row EST-style CSV (semicolons, decimal commas, Swedish dates, UTF-8)
// imported into real PostgreSQL through the same import service as the API and the CLI, beside
// PostgreSQL's own COPY of the very same rows into the same table in the same run: the physical
// limit. Targets: at most 3 × COPY's time, peak RSS under 300 MB.
//
//   pnpm bench imports            (BENCH_ROWS=200000 for a quicker run)
//   BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres (the default) names the server;
//   a scratch database is created and dropped.
import { createReadStream, createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import { migrateToLatest } from '../../server/src/db/migrate';
import type { Database } from '../../server/src/db/schema';
import { runImport } from '../../server/src/features/imports/import-run';
import { generatePoints } from '../../server/src/features/demo/generator/benchmark-points';
import { demoLayout } from '../../server/src/features/demo/generator/generate-demo';
import { report } from './support';
import { must } from '@lagesbild/shared';

const ROWS = Number(process.env.BENCH_ROWS ?? 1_000_000);
const base = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const scratch = `lagesbild_bench_imports_${process.pid}`;

function databaseUrl(name: string): string {
  const url = new URL(base);
  url.pathname = `/${name}`;
  return url.toString();
}

// The taxonomy in the words of a municipal EST report (one of them unmapped on purpose).
const TYPES: Record<string, string[]> = {
  lighting: ['Belysning', 'Trasig belysning'],
  traffic: ['Trafik', 'Fortkörning'],
  drugs: ['Narkotika'],
  alcohol: ['Alkohol', 'Fylleri'],
  youth_gangs: ['Ungdomsgäng'],
  disorder: ['Ordningsstörning', 'Bråk'],
  harassment: ['Trakasserier'],
  violence: ['Misshandel'],
  theft_burglary: ['Stöld', 'Inbrott'],
  vandalism_graffiti: ['Klotter', 'Skadegörelse', 'Glaskross'],
  littering: ['Nedskräpning'],
  other: ['Övrigt', 'Otrygg plats'],
};

const pad = (n: number) => String(n).padStart(2, '0');
function swedishTime(at: Date): string {
  // Stockholm wall clock: the demo's instants formatted as a Swedish system exports them.
  const local = new Date(at.getTime() + (isSummer(at) ? 2 : 1) * 3_600_000);
  return `${local.getUTCFullYear()}-${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())} ${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}`;
}
function isSummer(at: Date): boolean {
  const y = at.getUTCFullYear();
  const lastSunday = (m: number) => {
    const d = new Date(Date.UTC(y, m + 1, 0));
    return d.getUTCDate() - d.getUTCDay();
  };
  return at.getTime() >= Date.UTC(y, 2, lastSunday(2), 1) && at.getTime() < Date.UTC(y, 9, lastSunday(9), 1);
}

async function writeCsv(path: string): Promise<void> {
  const out = createWriteStream(path);
  const write = (text: string) => (out.write(text) ? Promise.resolve() : new Promise<void>((r) => out.once('drain', () => r())));
  await write('Ärendenr;Datum;Kategori;Latitud;Longitud;Beskrivning\n');
  let i = 0;
  let chunk = '';
  for (const p of generatePoints(ROWS, 7)) {
    const names = must(TYPES[p.category], `the types of ${p.category}`);
    const type = must(names[i % names.length], 'a type');
    chunk += `EST-${i};${swedishTime(p.occurred_at)};${type};${p.lat.toFixed(6).replace('.', ',')};${p.lon.toFixed(6).replace('.', ',')};Rapport ${i % 997} från område ${i % 31}, åtgärdas\n`;
    i++;
    if (chunk.length > 1 << 20) {
      await write(chunk);
      chunk = '';
    }
  }
  await write(chunk);
  await new Promise<void>((resolve) => out.end(resolve));
}

const admin = new pg.Client({ connectionString: base });
await admin.connect();
await admin.query(`drop database if exists ${scratch}`);
await admin.query(`create database ${scratch}`);
const dir = mkdtempSync(join(tmpdir(), 'lagesbild-bench-imports-'));
const pool = new pg.Pool({ connectionString: databaseUrl(scratch), max: 4 });
const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
try {
  await migrateToLatest(db as Kysely<unknown>);
  const layout = demoLayout(7);
  await db.insertInto('collaboration').values(layout.collaboration).execute();
  await db
    .insertInto('area')
    .values(
      layout.areas.map((a) => ({
        id: a.id,
        collaboration_id: a.collaboration_id,
        name: a.name,
        kind: a.kind,
        population: a.population,
        geometry: JSON.stringify(a.geometry),
        bbox: [...a.bbox],
      })),
    )
    .execute();

  const file = join(dir, 'est.csv');
  await writeCsv(file);
  const bytes = statSync(file).size;
  console.log(
    `generated ${ROWS.toLocaleString('en')} rows, ${(bytes / 1_048_576).toFixed(0)} MB of CSV; PostgreSQL ${(await admin.query('show server_version')).rows[0].server_version}`,
  );

  // --- The import service, as the API and the CLI run it. -----------------------------------
  globalThis.gc?.();
  const before = process.memoryUsage().rss;
  let peak = before;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  const started = performance.now();
  let writing = 0;
  const result = await runImport(
    db,
    { collaborationId: layout.collaboration.id, userId: null, agencyKind: null, via: 'cli' },
    {
      query: { format: 'csv', sourceName: 'Bench EST' },
      body: createReadStream(file, { highWaterMark: 256 * 1024 }),
      limits: { maxBytes: bytes + 1 },
      onWriting: () => (writing = performance.now()),
    },
  );
  const importMs = performance.now() - started;
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage().rss);
  if (result.rowsImported !== ROWS)
    throw new Error(`imported ${result.rowsImported} of ${ROWS} rows: ${JSON.stringify(result.errors.slice(0, 3))}`);

  // --- COPY of the same rows into the same table. ---------------------------------------------
  const columns =
    'collaboration_id, source, category, occurred_at, time_band, lat, lon, x, y, precision, area_id, classification, origin_kind, origin_id, import_id, external_id, external_type, content_hash, published_at, description';
  const rowsFile = join(dir, 'rows.copy');
  const client = await pool.connect();
  try {
    await pipeline(
      client.query(copyTo(`copy (select ${columns} from point where import_id = '${result.id}') to stdout`)),
      createWriteStream(rowsFile),
    );
    await client.query('truncate point cascade');
    await client.query('vacuum analyze point');
    const copyStarted = performance.now();
    await client.query('begin');
    await pipeline(createReadStream(rowsFile, { highWaterMark: 1 << 20 }), client.query(copyFrom(`copy point (${columns}) from stdin`)));
    await client.query('commit');
    const copyMs = performance.now() - copyStarted;
    const copied = await client.query('select count(*)::int as n from point');
    if (copied.rows[0].n !== ROWS) throw new Error(`COPY loaded ${copied.rows[0].n} rows`);

    const rate = (ms: number) => ROWS / (ms / 1000);
    report('import (read, check, map, write) rows/s', rate(importMs), 'rows/s');
    report('COPY rows/s', rate(copyMs), 'rows/s');
    report('import time', importMs / 1000, 's', { name: 'COPY', value: copyMs / 1000 });
    console.log(
      `  of which reading and checking the file: ${((writing - started) / 1000).toFixed(1)} s; writing in one transaction: ${((started + importMs - writing) / 1000).toFixed(1)} s`,
    );
    report('import peak RSS', peak / 1_048_576, 'MB');
    console.log(
      `(RSS before the import ${(before / 1_048_576).toFixed(0)} MB: the process with the generator's data set and modules loaded)`,
    );
    const ratio = importMs / copyMs;
    console.log(
      `target: import ≤ 3 × COPY → ${ratio <= 3 ? 'met' : 'MISSED'} (${ratio.toFixed(2)} ×); peak RSS < 300 MB → ${peak < 300 * 1_048_576 ? 'met' : 'MISSED'}`,
    );
  } finally {
    client.release();
  }
} finally {
  await db.destroy();
  rmSync(dir, { recursive: true, force: true });
  await admin.query(`drop database if exists ${scratch} with (force)`);
  await admin.end();
}
