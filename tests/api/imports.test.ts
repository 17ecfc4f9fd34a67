import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { must, rt90ToWgs84, swerefToWgs84 } from '@lagesbild/shared';
import { ORIGIN, createCollaboration, createUser, loginAs, type TestCollaboration } from '../support/fixtures';
import { createTestApp, type TestApp } from '../support/test-app';

let t: TestApp;
let collab: TestCollaboration;
let coordinator: string;
let policeCoordinator: string;
let other: string;

beforeAll(async () => {
  t = await createTestApp();
  collab = await createCollaboration(t.app, 'imports');
  await createUser(t.app, collab, { email: 'samordnare@imports.test', role: 'coordinator' });
  await createUser(t.app, collab, { email: 'polis@imports.test', role: 'coordinator', agency: 'police' });
  const b = await createCollaboration(t.app, 'imports-other');
  await createUser(t.app, b, { email: 'admin@other.test', role: 'admin' });
  coordinator = await loginAs(t.app, 'samordnare@imports.test');
  policeCoordinator = await loginAs(t.app, 'polis@imports.test');
  other = await loginAs(t.app, 'admin@other.test');
});
afterAll(async () => t.close());

function upload(query: string, body: string | Buffer, options: { cookie?: string; type?: string; accept?: string } = {}) {
  return t.app.inject({
    method: 'POST',
    url: `/api/imports?${query}`,
    headers: {
      origin: ORIGIN,
      cookie: options.cookie ?? coordinator,
      'content-type': options.type ?? 'text/csv',
      ...(options.accept ? { accept: options.accept } : {}),
    },
    payload: body,
  });
}

const get = (url: string, cookie = coordinator) => t.app.inject({ method: 'GET', url, headers: { cookie } });
const post = (url: string, payload: object, cookie = coordinator) =>
  t.app.inject({ method: 'POST', url, headers: { origin: ORIGIN, cookie }, payload });
const put = (url: string, payload: object, cookie = coordinator) =>
  t.app.inject({ method: 'PUT', url, headers: { origin: ORIGIN, cookie }, payload });

async function pointsOf(importId: string) {
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

async function countPoints(where: { importId?: string } = {}): Promise<number> {
  let query = t.app.db
    .selectFrom('point')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('collaboration_id', '=', collab.id);
  if (where.importId) query = query.where('import_id', '=', where.importId);
  return (await query.executeTakeFirstOrThrow()).n;
}

// Five reports around Värnamo, known in SWEREF 99 TM; their WGS 84 follows from the projection.
const SWEREF = [
  [449_300, 6_339_600],
  [450_100, 6_340_200],
  [448_700, 6_338_900],
  [451_000, 6_341_000],
  [449_900, 6_339_100],
] as const;
const WGS84 = SWEREF.map(([e, n]) => swerefToWgs84(e, n));
// The same kind of places in RT 90 2.5 gon V (northing X, easting Y).
const RT90 = [
  [6_341_800, 1_380_400],
  [6_342_100, 1_381_000],
  [6_341_300, 1_379_800],
  [6_342_600, 1_381_900],
  [6_341_500, 1_380_900],
] as const;
const RT90_WGS84 = RT90.map(([n, e]) => rt90ToWgs84(e, n));
const TYPES = ['Klotter', 'Nedskräpning', 'Skadegörelse', 'Trasig belysning', 'Hundbajs'];
const CATEGORIES = ['vandalism_graffiti', 'littering', 'vandalism_graffiti', 'lighting', 'other'];
const DESCRIPTIONS = [
  'Klotter på väggen vid ån',
  'Skräp vid Östra torget',
  'Krossad ruta, Åsvägen',
  'Mörkt vid gångtunneln',
  'Ärligt talat äckligt',
];
const DATES = ['2024-03-05 18:30', '5/3/2024 18.30', '5 mars 2024 kl. 18.30', '05.03.2024 kl 18.30', '2024-03-05T18:30:00'];

type Crs = 'wgs84' | 'sweref99tm' | 'rt90' | 'swapped';

function csvFile(delimiter: string, crs: Crs): string {
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

function encode(text: string, encoding: 'utf-8' | 'utf-8-bom' | 'windows-1252'): Buffer {
  // For å, ä, ö, Å, Ä, Ö and é, Windows-1252 and Latin-1 are the same bytes.
  if (encoding === 'windows-1252') return Buffer.from(text, 'latin1');
  const bytes = Buffer.from(text, 'utf8');
  return encoding === 'utf-8-bom' ? Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), bytes]) : bytes;
}

describe('CSV in every dialect, encoding and coordinate system', () => {
  const dialects = [
    [',', ','],
    [';', ';'],
    ['\t', 'tab'],
  ] as const;
  const encodings = ['utf-8', 'utf-8-bom', 'windows-1252'] as const;
  const systems: Crs[] = ['wgs84', 'sweref99tm', 'rt90', 'swapped'];
  const cases = dialects.flatMap(([d, name]) => encodings.flatMap((e) => systems.map((c) => [d, name, e, c] as const)));

  it.each(cases)('delimiter %j (%s), %s, %s', async (delimiter, delimiterName, encoding, crs) => {
    const res = await upload(
      `format=csv&source=municipality&sourceName=${encodeURIComponent(`EST ${delimiterName} ${encoding} ${crs}`)}`,
      encode(csvFile(delimiter, crs), encoding),
    );
    expect(res.statusCode, res.body).toBe(200);
    const result = res.json();
    expect(result).toMatchObject({ rowsTotal: 5, rowsImported: 5, rowsSkipped: 0, rowsFailed: 0, errors: [] });
    expect(result.detected).toEqual({
      encoding,
      delimiter: delimiterName,
      coordinateSystem: crs === 'swapped' ? 'wgs84' : crs,
    });
    expect(result.warnings).toEqual(crs === 'swapped' ? [{ code: 'swapped_coordinates', count: 5 }] : []);
    expect(result.unmappedTypes).toEqual([{ type: 'Hundbajs', count: 1 }]);

    const points = await pointsOf(result.id);
    const expected = crs === 'rt90' ? RT90_WGS84 : WGS84;
    const byId = new Map(points.map((p) => [p.external_id, p]));
    TYPES.forEach((type, i) => {
      const p = must(byId.get(`EST ${delimiterName} ${encoding} ${crs}:EST-${i + 1}`), `point EST-${i + 1}`);
      const [lat, lon] = must(expected[i], 'the expected position');
      expect(p.lat).toBeCloseTo(lat, 5);
      expect(p.lon).toBeCloseTo(lon, 5);
      expect(p.external_type).toBe(type);
      expect(p.category).toBe(CATEGORIES[i]);
      expect(p.description).toBe(DESCRIPTIONS[i]);
      expect(p.occurred_at?.toISOString()).toBe('2024-03-05T17:30:00.000Z');
      expect(p).toMatchObject({ time_band: 'evening', precision: 'exact', classification: 'internal', source: 'municipality' });
    });
    if (crs === 'sweref99tm') {
      SWEREF.forEach(([e, n], i) => {
        const p = must(byId.get(`EST ${delimiterName} ${encoding} ${crs}:EST-${i + 1}`), `point EST-${i + 1}`);
        expect([p.x, p.y]).toEqual([e, n]);
      });
    }
  });
});

describe('safety', () => {
  const file = csvFile(';', 'wgs84').replaceAll('EST-', 'BB-');

  it('imports nothing new when the same file comes again, and undo removes exactly its rows', async () => {
    const first = (await upload('format=csv&sourceName=Bostadsbolaget', file)).json();
    expect(first.rowsImported).toBe(5);
    const again = (await upload('format=csv&sourceName=Bostadsbolaget', file)).json();
    expect(again).toMatchObject({
      rowsTotal: 5,
      rowsImported: 0,
      rowsSkipped: 5,
      skipped: [{ code: 'duplicate', count: 5 }],
      sameFileAs: first.id,
    });
    // Without an id column the rows are recognised by their content.
    const noIds = file
      .split('\r\n')
      .map((line) => line.split(';').slice(1).join(';'))
      .join('\r\n');
    const hashed = (await upload('format=csv&sourceName=Skolan', noIds)).json();
    expect(hashed.rowsImported).toBe(5);
    expect((await upload('format=csv&sourceName=Skolan', noIds)).json()).toMatchObject({ rowsImported: 0, rowsSkipped: 5 });

    const before = await countPoints();
    const undo = await post(`/api/imports/${first.id}/undo`, {});
    expect(undo.statusCode).toBe(200);
    expect(undo.json()).toMatchObject({ id: first.id, status: 'undone' });
    expect(await countPoints({ importId: first.id })).toBe(0);
    expect(await countPoints()).toBe(before - 5);
    expect(await countPoints({ importId: hashed.id })).toBe(5);
    expect((await post(`/api/imports/${first.id}/undo`, {})).statusCode).toBe(409);
    expect((await post(`/api/imports/${again.id}/undo`, {})).statusCode).toBe(200);

    // Once undone, the same file imports again.
    expect((await upload('format=csv&sourceName=Bostadsbolaget', file)).json().rowsImported).toBe(5);

    const audit = await t.app.db
      .selectFrom('audit_log')
      .select(['action', 'target_id', 'details'])
      .where('target_id', '=', first.id)
      .orderBy('id')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['import.run', 'import.undo']);
    expect(audit[1]?.details).toMatchObject({ rowsRemoved: 5 });
  });

  it('reports every row error with row, column and reason, and strict mode imports nothing', async () => {
    const lines = [
      'Datum;Kategori;Lat;Lon',
      '2024-03-05 18:30;Klotter;57,1826;14,0473',
      '2024-02-30 18:30;Klotter;57,1826;14,0473',
      '2024-03-05 25:10;Klotter;57,1826;14,0473',
      'igår;Klotter;57,1826;14,0473',
      '2024-03-05;Klotter;0;0',
      '2024-03-05;Klotter;56,9;19,8', // the Baltic east of Gotland
      '2024-03-05;Klotter;57,1826;',
      '2024-03-05;Klotter;abc;14,0473',
      '2099-01-01;Klotter;57,1826;14,0473',
    ];
    const text = lines.join('\n');
    const strict = await upload('format=csv&sourceName=Felrapport&strict=true', text);
    expect(strict.statusCode).toBe(422);
    expect(strict.json()).toMatchObject({ error: 'STRICT_IMPORT_FAILED' });
    expect(strict.json().details[0]).toEqual({ path: 'rows.3.Datum', message: '"2024-02-30 18:30" in Datum is not a date that exists.' });
    const failed = (await get('/api/imports')).json().imports[0];
    expect(failed).toMatchObject({ status: 'failed', strict: true, rowsTotal: 9, rowsImported: 0, rowsFailed: 8 });
    expect(await countPoints({ importId: failed.id })).toBe(0);
    expect((await post(`/api/imports/${failed.id}/undo`, {})).statusCode).toBe(409);

    const lenient = (await upload('format=csv&sourceName=Felrapport', text)).json();
    expect(lenient).toMatchObject({ rowsTotal: 9, rowsImported: 1, rowsFailed: 8 });
    expect(lenient.errors.map((e: { row: number; column: string; code: string }) => [e.row, e.column, e.code])).toEqual([
      [3, 'Datum', 'impossible_date'],
      [4, 'Datum', 'impossible_date'],
      [5, 'Datum', 'invalid_date'],
      [6, 'Lat, Lon', 'outside_sweden'],
      [7, 'Lat, Lon', 'outside_sweden'],
      [8, 'Lon', 'missing_value'],
      [9, 'Lat', 'invalid_number'],
      [10, null, 'future_date'],
    ]);
    const detail = (await get(`/api/imports/${lenient.id}`)).json();
    expect(detail.errors).toHaveLength(8);
  });

  it('keeps the first 1 000 row errors but counts them all', async () => {
    const rows = Array.from({ length: 1500 }, (_, i) => `2024-02-30;Klotter;57,18;14,04;${i}`);
    const result = (await upload('format=csv&sourceName=Massfel', ['Datum;Typ;Lat;Lon;Id', ...rows].join('\n'))).json();
    expect(result).toMatchObject({ rowsFailed: 1500, errorsTruncated: true });
    expect(result.errors).toHaveLength(1000);
  });

  it("flags rows outside the collaboration's boundary and puts the rest in their area", async () => {
    const c = await createCollaboration(t.app, 'imports-boundary');
    await createUser(t.app, c, { email: 'c@boundary.test', role: 'coordinator' });
    const cookie = await loginAs(t.app, 'c@boundary.test');
    const square = (w: number, s: number, e: number, n: number) => [
      [
        [w, s],
        [e, s],
        [e, n],
        [w, n],
        [w, s],
      ],
    ];
    const areas = {
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', properties: { namn: 'Kommunen' }, geometry: { type: 'Polygon', coordinates: square(13.8, 57.0, 14.4, 57.4) } },
        { type: 'Feature', properties: { namn: 'Centrum' }, geometry: { type: 'Polygon', coordinates: square(14.0, 57.15, 14.1, 57.22) } },
      ],
    };
    const boundary = (
      await upload('format=areas&kind=boundary', JSON.stringify({ ...areas, features: [areas.features[0]] }), {
        cookie,
        type: 'application/geo+json',
      })
    ).json();
    expect(boundary).toMatchObject({ rowsImported: 1, pointsReassigned: 0 });
    const districts = (
      await upload('format=areas', JSON.stringify({ ...areas, features: [areas.features[1]] }), { cookie, type: 'application/geo+json' })
    ).json();
    expect(districts.rowsImported).toBe(1);
    const result = (
      await upload('format=csv', 'Datum;Lat;Lon\n2024-03-05;57,18;14,05\n2024-03-05;57,30;14,30\n2024-03-05;59,33;18,06\n', { cookie })
    ).json();
    expect(result).toMatchObject({ rowsImported: 2, rowsFailed: 1 });
    expect(result.errors[0]).toMatchObject({ row: 4, code: 'outside_boundary' });
    const names = await t.app.db
      .selectFrom('point')
      .innerJoin('area', 'area.id', 'point.area_id')
      .select('area.name')
      .where('point.import_id', '=', result.id)
      .orderBy('point.lat')
      .execute();
    expect(names.map((n) => n.name)).toEqual(['Centrum', 'Kommunen']);
  });
});

describe('other formats', () => {
  it('imports GeoJSON points (SWEREF 99 TM, declared by the crs member) with a property mapping', async () => {
    const geojson = {
      type: 'FeatureCollection',
      crs: { type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::3006' } },
      features: SWEREF.map(([e, n], i) => ({
        type: 'Feature',
        id: `g${i}`,
        properties: { händelse: TYPES[i], när: DATES[i], text: DESCRIPTIONS[i] },
        geometry: { type: 'Point', coordinates: [e, n] },
      })),
    };
    const res = await upload(
      'format=geojson&sourceName=Vaktbolaget&typeField=h%C3%A4ndelse&dateField=n%C3%A4r&descriptionField=text',
      JSON.stringify(geojson),
      { type: 'application/geo+json' },
    );
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ rowsImported: 5, detected: { coordinateSystem: 'sweref99tm' } });
    const points = await pointsOf(res.json().id);
    expect(points.map((p) => p.external_id).sort()).toEqual([
      'Vaktbolaget:g0',
      'Vaktbolaget:g1',
      'Vaktbolaget:g2',
      'Vaktbolaget:g3',
      'Vaktbolaget:g4',
    ]);
    expect(points[0]?.lat).toBeCloseTo(must(WGS84[0], 'the first position')[0], 6);
  });

  it('imports Open311 GeoReport v2 service requests', async () => {
    const requests = [
      {
        service_request_id: '638344',
        status: 'open',
        service_code: '006',
        service_name: 'Klotter',
        description: 'Klotter på busskuren',
        requested_datetime: '2024-04-14T06:37:38+02:00',
        lat: 57.1826,
        long: 14.0473,
      },
      {
        service_request_id: '638345',
        status: 'closed',
        service_code: '011',
        service_name: 'Gatubelysning',
        requested_datetime: '2024-04-14T21:05:00+02:00',
        lat: '57.19',
        long: '14.06',
      },
      {
        service_request_id: '638346',
        status: 'open',
        service_code: '099',
        service_name: 'Parkbänk',
        requested_datetime: '2024-04-15T10:00:00+02:00',
      },
    ];
    const res = await upload('format=open311&sourceName=Felanmälan', JSON.stringify(requests), { type: 'application/json' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ rowsTotal: 3, rowsImported: 2, rowsFailed: 1, errors: [{ row: 3, code: 'missing_value' }] });
    const points = await pointsOf(res.json().id);
    expect(points.map((p) => [p.external_id, p.category, p.occurred_at?.toISOString(), p.time_band])).toEqual([
      ['Felanmälan:638344', 'vandalism_graffiti', '2024-04-14T04:37:38.000Z', 'morning'],
      ['Felanmälan:638345', 'lighting', '2024-04-14T19:05:00.000Z', 'evening'],
    ]);
  });

  it('accepts a multipart upload and streams progress as NDJSON', async () => {
    const boundary = '----lagesbild';
    const body = Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="rapport v12.csv"\r\nContent-Type: text/csv\r\n\r\n`,
      ),
      encode(csvFile(';', 'sweref99tm'), 'windows-1252'),
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const res = await upload('format=csv&sourceName=Multipart', body, {
      type: `multipart/form-data; boundary=${boundary}`,
      accept: 'application/x-ndjson',
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/application\/x-ndjson/);
    const lines = res.body
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.at(0)).toMatchObject({ type: 'progress', phase: 'writing', rowsTotal: 5 });
    expect(lines.at(-1)).toMatchObject({
      type: 'result',
      result: { rowsImported: 5, fileName: 'rapport v12.csv', detected: { encoding: 'windows-1252' } },
    });
  });
});

describe('taxonomy mapping', () => {
  it('lists unmapped types, and a changed mapping re-categorises the rows already imported', async () => {
    const text =
      'Datum;Typ;Lat;Lon\n2024-05-01;Hundbajs i parken;57,18;14,04\n2024-05-02;HUNDBAJS I PARKEN;57,18;14,05\n2024-05-03;Klotter;57,18;14,06\n';
    const result = (await upload('format=csv&sourceName=Parkförvaltningen', text)).json();
    expect(result.unmappedTypes).toEqual([{ type: 'Hundbajs i parken', count: 2 }]);
    const list = (await get('/api/imports/mappings?source=municipality')).json().mappings;
    expect(list.find((m: { externalType: string }) => m.externalType.toLowerCase() === 'hundbajs i parken')).toMatchObject({
      category: 'other',
      origin: 'unmapped',
      rows: 2,
    });

    const changed = await put('/api/imports/mappings', {
      source: 'municipality',
      externalType: 'Hundbajs i parken',
      category: 'littering',
    });
    expect(changed.statusCode).toBe(200);
    expect(changed.json()).toEqual({
      source: 'municipality',
      externalType: 'Hundbajs i parken',
      category: 'littering',
      rowsRecategorised: 2,
    });
    const points = await pointsOf(result.id);
    expect(points.map((p) => p.category)).toEqual(['littering', 'littering', 'vandalism_graffiti']);
    const after = (await get('/api/imports/mappings?source=municipality')).json().mappings;
    expect(after.find((m: { externalType: string }) => m.externalType.toLowerCase() === 'hundbajs i parken')).toMatchObject({
      category: 'littering',
      origin: 'custom',
    });
    // New imports use the mapping at once.
    const next = (
      await upload('format=csv&sourceName=Parkförvaltningen', 'Datum;Typ;Lat;Lon\n2024-06-01;hundbajs i parken;57,18;14,07\n')
    ).json();
    expect(next.unmappedTypes).toEqual([]);
    expect((await pointsOf(next.id))[0]?.category).toBe('littering');
    expect((await put('/api/imports/mappings', { source: 'municipality', externalType: 'x', category: 'nonsense' })).statusCode).toBe(400);
  });
});

describe('templates and preview', () => {
  it('previews the first rows with a suggested mapping, saves it as a template, and imports with it', async () => {
    const text =
      'Händelsenr|Tidpunkt|Vad hände|Nordlig|Östlig\n7|2024-03-05 18:30|Glaskross|6339600|449300\n8|2024-03-06 19:30|Klotter|6340200|450100\n';
    const preview = await t.app.inject({
      method: 'POST',
      url: '/api/imports/preview?typeField=Vad%20h%C3%A4nde&northingField=Nordlig&eastingField=%C3%96stlig&idField=H%C3%A4ndelsenr',
      headers: { origin: ORIGIN, cookie: coordinator, 'content-type': 'application/octet-stream' },
      payload: text,
    });
    expect(preview.statusCode, preview.body).toBe(200);
    const body = preview.json();
    expect(body).toMatchObject({
      format: 'csv',
      detected: { encoding: 'utf-8', delimiter: '|', coordinateSystem: 'sweref99tm' },
      columns: ['Händelsenr', 'Tidpunkt', 'Vad hände', 'Nordlig', 'Östlig'],
      rows: [
        ['7', '2024-03-05 18:30', 'Glaskross', '6339600', '449300'],
        ['8', '2024-03-06 19:30', 'Klotter', '6340200', '450100'],
      ],
      mapping: { typeField: 'Vad hände', dateField: 'Tidpunkt', northingField: 'Nordlig', eastingField: 'Östlig', idField: 'Händelsenr' },
      truncated: false,
      missing: [],
    });
    expect(body.parsed[0]).toMatchObject({ row: 2, externalType: 'Glaskross', category: 'vandalism_graffiti', errors: [] });
    expect(await countPoints()).toBeGreaterThan(0);

    const saved = await post('/api/imports/templates', {
      name: 'Vaktbolaget Syd',
      format: 'csv',
      source: 'municipality',
      options: { ...body.mapping, delimiter: '|' },
    });
    expect(saved.statusCode).toBe(200);
    const template = saved.json();
    expect((await get('/api/imports/templates')).json().templates.map((x: { name: string }) => x.name)).toContain('Vaktbolaget Syd');
    expect((await get('/api/imports/templates', other)).json().templates).toEqual([]);

    const result = (await upload(`format=csv&templateId=${template.id}`, text)).json();
    expect(result).toMatchObject({ sourceName: 'Vaktbolaget Syd', rowsImported: 2 });
    expect((await pointsOf(result.id)).map((p) => p.external_id).sort()).toEqual(['Vaktbolaget Syd:7', 'Vaktbolaget Syd:8']);
    expect((await upload(`format=geojson&templateId=${template.id}`, '{}', { type: 'application/json' })).statusCode).toBe(422);

    const removed = await t.app.inject({
      method: 'DELETE',
      url: `/api/imports/templates/${template.id}`,
      headers: { origin: ORIGIN, cookie: coordinator },
      payload: {},
    });
    expect(removed.statusCode).toBe(200);
    expect((await upload(`format=csv&templateId=${template.id}`, text)).statusCode).toBe(404);
  });

  it('recognises the format when previewing without one', async () => {
    const preview = async (payload: string) =>
      (
        await t.app.inject({
          method: 'POST',
          url: '/api/imports/preview',
          headers: { origin: ORIGIN, cookie: coordinator, 'content-type': 'application/json' },
          payload,
        })
      ).json();
    expect(
      (
        await preview(
          '[{"id":1,"datetime":"2023-03-20 17:15:38 +01:00","name":"20 mars 15:58, Brand, Skellefteå","type":"Brand","location":{"name":"Skellefteå","gps":"64.750244,20.950917"}}]',
        )
      ).format,
    ).toBe('police');
    expect(
      (await preview('[{"service_request_id":"1","requested_datetime":"2024-04-14T06:37:38+02:00","lat":57.18,"long":14.05}]')).format,
    ).toBe('open311');
    expect(
      (
        await preview(
          '{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"namn":"A"},"geometry":{"type":"Polygon","coordinates":[[[14,57],[14.1,57],[14.1,57.1],[14,57]]]}}]}',
        )
      ).format,
    ).toBe('areas');
  });
});

describe('who sees and imports what', () => {
  const file = 'Datum;Brottskod;Lat;Lon\n2024-03-05 22:10;Misshandel;57,18;14,04\n2024-03-06 23:10;Rån;57,18;14,05\n';

  it('lets only police staff import police-internal data, and shows it only to them', async () => {
    const refused = await upload('format=csv&source=police&sourceName=RAR&typeField=Brottskod', file);
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error).toBe('POLICE_AGENCY_REQUIRED');
    const res = await upload('format=csv&source=police&sourceName=RAR&typeField=Brottskod', file, { cookie: policeCoordinator });
    expect(res.statusCode).toBe(200);
    const id = res.json().id;
    expect(res.json()).toMatchObject({ classification: 'police_only', rowsImported: 2 });
    expect((await pointsOf(id)).map((p) => [p.source, p.classification, p.category])).toEqual([
      ['police', 'police_only', 'violence'],
      ['police', 'police_only', 'violence'],
    ]);
    const seenByMunicipality = (await get('/api/imports')).json().imports.map((i: { id: string }) => i.id);
    expect(seenByMunicipality).not.toContain(id);
    expect((await get(`/api/imports/${id}`)).statusCode).toBe(404);
    expect((await post(`/api/imports/${id}/undo`, {})).statusCode).toBe(404);
    expect((await get('/api/imports', policeCoordinator)).json().imports.map((i: { id: string }) => i.id)).toContain(id);
    // Two police-only rows are below the disclosure threshold: withheld from municipal staff.
    const mappings = (await get('/api/imports/mappings?source=police')).json().mappings;
    expect(mappings.find((m: { externalType: string }) => m.externalType === 'Misshandel')).toMatchObject({ rows: null });
    const forPolice = (await get('/api/imports/mappings?source=police', policeCoordinator)).json().mappings;
    expect(forPolice.find((m: { externalType: string }) => m.externalType === 'Misshandel')).toMatchObject({ rows: 1 });
  });

  it("answers 404 for another collaboration's import", async () => {
    const mine = (await upload('format=csv&sourceName=Egen', 'Datum;Lat;Lon\n2024-03-05;57,18;14,04\n')).json();
    expect((await get(`/api/imports/${mine.id}`, other)).statusCode).toBe(404);
    expect((await post(`/api/imports/${mine.id}/undo`, {}, other)).statusCode).toBe(404);
    expect((await get('/api/imports', other)).json().imports).toEqual([]);
    expect(await countPoints({ importId: mine.id })).toBe(1);
  });
});
