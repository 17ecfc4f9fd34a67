import type { LightMyRequestResponse as Reply } from 'fastify';
import { sql } from 'kysely';
import { must, rt90ToWgs84, swerefToWgs84 } from '@lagesbild/shared';
import { ORIGIN, createCollaboration, createUser, loginAs, type TestCollaboration } from './fixtures';
import { createTestApp, type TestApp } from './test-app';

/**
 * The shared world of the import tests (tests/api/imports-*.test.ts): a collaboration with a
 * coordinator and a police coordinator, an admin of another collaboration, request helpers, the
 * points an import stored, and the same five reports written as CSV in every dialect.
 */

export interface ImportWorld {
  t: TestApp;
  collab: TestCollaboration;
  coordinator: string;
  policeCoordinator: string;
  /** An admin of another collaboration. */
  other: string;
  upload: (query: string, body: string | Buffer, options?: { cookie?: string; type?: string; accept?: string }) => Promise<Reply>;
  get: (url: string, cookie?: string) => Promise<Reply>;
  post: (url: string, payload: object, cookie?: string) => Promise<Reply>;
  put: (url: string, payload: object, cookie?: string) => Promise<Reply>;
  pointsOf: (importId: string) => ReturnType<typeof pointsOf>;
  countPoints: (where?: { importId?: string }) => Promise<number>;
}

export async function createImportWorld(): Promise<ImportWorld> {
  const t = await createTestApp();
  const collab = await createCollaboration(t.app, 'imports');
  await createUser(t.app, collab, { email: 'samordnare@imports.test', role: 'coordinator' });
  await createUser(t.app, collab, { email: 'polis@imports.test', role: 'coordinator', agency: 'police' });
  const b = await createCollaboration(t.app, 'imports-other');
  await createUser(t.app, b, { email: 'admin@other.test', role: 'admin' });
  const coordinator = await loginAs(t.app, 'samordnare@imports.test');
  return {
    t,
    collab,
    coordinator,
    policeCoordinator: await loginAs(t.app, 'polis@imports.test'),
    other: await loginAs(t.app, 'admin@other.test'),
    upload: (query, body, options = {}) =>
      t.app.inject({
        method: 'POST',
        url: `/api/imports?${query}`,
        headers: {
          origin: ORIGIN,
          cookie: options.cookie ?? coordinator,
          'content-type': options.type ?? 'text/csv',
          ...(options.accept ? { accept: options.accept } : {}),
        },
        payload: body,
      }),
    get: (url, cookie = coordinator) => t.app.inject({ method: 'GET', url, headers: { cookie } }),
    post: (url, payload, cookie = coordinator) => t.app.inject({ method: 'POST', url, headers: { origin: ORIGIN, cookie }, payload }),
    put: (url, payload, cookie = coordinator) => t.app.inject({ method: 'PUT', url, headers: { origin: ORIGIN, cookie }, payload }),
    pointsOf: (importId) => pointsOf(t, importId),
    countPoints: async (where = {}) => {
      let query = t.app.db
        .selectFrom('point')
        .select(sql<number>`count(*)::int`.as('n'))
        .where('collaboration_id', '=', collab.id);
      if (where.importId) query = query.where('import_id', '=', where.importId);
      return (await query.executeTakeFirstOrThrow()).n;
    },
  };
}

function pointsOf(t: TestApp, importId: string) {
  return t.app.db
    .selectFrom('point')
    .select([
      'lat',
      'lon',
      'x',
      'y',
      'category',
      'external_type',
      'external_id',
      'description',
      'occurred_at',
      'time_band',
      'precision',
      'classification',
      'area_id',
      'source',
    ])
    .where('import_id', '=', importId)
    .orderBy('occurred_at')
    .execute();
}

export const SWEREF = [
  [449_300, 6_339_600],
  [450_100, 6_340_200],
  [448_700, 6_338_900],
  [451_000, 6_341_000],
  [449_900, 6_339_100],
] as const;
export const WGS84 = SWEREF.map(([e, n]) => swerefToWgs84(e, n));
// The same kind of places in RT 90 2.5 gon V (northing X, easting Y).
const RT90 = [
  [6_341_800, 1_380_400],
  [6_342_100, 1_381_000],
  [6_341_300, 1_379_800],
  [6_342_600, 1_381_900],
  [6_341_500, 1_380_900],
] as const;
export const RT90_WGS84 = RT90.map(([n, e]) => rt90ToWgs84(e, n));
export const TYPES = ['Klotter', 'Nedskräpning', 'Skadegörelse', 'Trasig belysning', 'Hundbajs'];
export const CATEGORIES = ['vandalism_graffiti', 'littering', 'vandalism_graffiti', 'lighting', 'other'];
export const DESCRIPTIONS = [
  'Klotter på väggen vid ån',
  'Skräp vid Östra torget',
  'Krossad ruta, Åsvägen',
  'Mörkt vid gångtunneln',
  'Ärligt talat äckligt',
];
export const DATES = ['2024-03-05 18:30', '5/3/2024 18.30', '5 mars 2024 kl. 18.30', '05.03.2024 kl 18.30', '2024-03-05T18:30:00'];

export type Crs = 'wgs84' | 'sweref99tm' | 'rt90' | 'swapped';

export function csvFile(delimiter: string, crs: Crs): string {
  const decimal = (value: number, digits: number) => {
    const text = value.toFixed(digits);
    if (delimiter === ',') return text;
    return text.replace('.', ',');
  };
  const header =
    crs === 'wgs84'
      ? ['Ärendenr', 'Datum', 'Kategori', 'Latitud', 'Longitud', 'Beskrivning']
      : crs === 'swapped'
        ? ['Ärendenr', 'Datum', 'Kategori', 'Lat', 'Lon', 'Beskrivning']
        : ['Ärendenr', 'Datum', 'Kategori', 'N', 'E', 'Beskrivning'];
  const rows = TYPES.map((type, i) => {
    const [lat, lon] = must(WGS84[i], 'a WGS 84 position');
    const [east, north] = must(SWEREF[i], 'a SWEREF 99 position');
    const [x, y] = must(RT90[i], 'an RT 90 position');
    const coords =
      crs === 'wgs84'
        ? [decimal(lat, 6), decimal(lon, 6)]
        : crs === 'swapped'
          ? [decimal(lon, 6), decimal(lat, 6)]
          : crs === 'sweref99tm'
            ? [decimal(north, 1), decimal(east, 1)]
            : [String(x), String(y)];
    const text = must(DESCRIPTIONS[i], 'a description');
    const description = text.includes(delimiter) ? `"${text}"` : text;
    return [`EST-${i + 1}`, must(DATES[i], 'a date'), type, ...coords, description].join(delimiter);
  });
  return [header.join(delimiter), ...rows].join('\r\n') + '\r\n';
}

export function encode(text: string, encoding: 'utf-8' | 'utf-8-bom' | 'windows-1252'): Buffer {
  // For å, ä, ö, Å, Ä, Ö and é, Windows-1252 and Latin-1 are the same bytes.
  if (encoding === 'windows-1252') return Buffer.from(text, 'latin1');
  const bytes = Buffer.from(text, 'utf8');
  return encoding === 'utf-8-bom' ? Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), bytes]) : bytes;
}
