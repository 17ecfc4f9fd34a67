import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../server/src/config';
import { ORIGIN, createCollaboration, createUser, loginAs, type TestCollaboration } from '../support/fixtures';
import { createTestApp, type TestApp } from '../support/test-app';

/** Every kind of bad upload gets a clear 4xx and leaves nothing behind but the failed attempt. */
let t: TestApp;
let collab: TestCollaboration;
let cookie: string;

beforeAll(async () => {
  // A small upload limit, so that "too large" needs no huge test file.
  t = await createTestApp({ importMaxBytes: 12 * 1024 * 1024 });
  collab = await createCollaboration(t.app, 'bad-input');
  await createUser(t.app, collab, { email: 'c@bad.test', role: 'coordinator' });
  cookie = await loginAs(t.app, 'c@bad.test');
});
afterAll(async () => t.close());

function upload(query: string, body: string | Buffer, type = 'text/csv', headers: Record<string, string> = {}) {
  return t.app.inject({
    method: 'POST',
    url: `/api/imports?${query}`,
    headers: { origin: ORIGIN, cookie, 'content-type': type, ...headers },
    payload: body,
  });
}

async function nothingWritten(): Promise<void> {
  const points = await t.app.db
    .selectFrom('point')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('collaboration_id', '=', collab.id)
    .executeTakeFirstOrThrow();
  expect(points.n).toBe(0);
  const done = await t.app.db
    .selectFrom('import_batch')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('collaboration_id', '=', collab.id)
    .where('status', '=', 'done')
    .executeTakeFirstOrThrow();
  expect(done.n).toBe(0);
}

const GOOD_CSV = 'Datum;Typ;Lat;Lon\n2024-03-05 18:30;Klotter;57,18;14,04\n';
const ZIP = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x00, 0x00, 0x08, 0x00]), Buffer.alloc(200, 7)]);

describe('bad input', () => {
  it.each([
    ['an empty file', 'format=csv', '', 'text/csv', 422, 'EMPTY_FILE'],
    ['only blank lines', 'format=csv', '\r\n\r\n   \n', 'text/csv', 422, 'EMPTY_FILE'],
    ['a header and no rows', 'format=csv', 'Datum;Typ;Lat;Lon\n', 'text/csv', 422, 'EMPTY_FILE'],
    [
      'an empty FeatureCollection',
      'format=geojson',
      '{"type":"FeatureCollection","features":[]}',
      'application/geo+json',
      422,
      'EMPTY_FILE',
    ],
    ['JSON sent as CSV', 'format=csv', '[{"id": 1}]', 'text/csv', 422, 'WRONG_FORMAT'],
    ['CSV sent as GeoJSON', 'format=geojson', GOOD_CSV, 'application/geo+json', 422, 'WRONG_FORMAT'],
    [
      'the police feed sent as GeoJSON',
      'format=geojson',
      '[{"id":1,"name":"x","datetime":"y","location":{}}]',
      'application/json',
      422,
      'WRONG_FORMAT',
    ],
    [
      'GeoJSON sent as the police feed',
      'format=police',
      '{"type":"FeatureCollection","features":[]}',
      'application/json',
      422,
      'WRONG_FORMAT',
    ],
    [
      'polygons sent as points',
      'format=geojson',
      '{"type":"FeatureCollection","features":[{"type":"Feature","properties":{},"geometry":{"type":"Polygon","coordinates":[]}}]}',
      'application/json',
      422,
      'WRONG_FORMAT',
    ],
    [
      'points sent as areas',
      'format=areas',
      '{"type":"FeatureCollection","features":[{"type":"Feature","properties":{},"geometry":{"type":"Point","coordinates":[14,57]}}]}',
      'application/json',
      422,
      'WRONG_FORMAT',
    ],
    ['an Open311 file of something else', 'format=open311', '[{"foo":1}]', 'application/json', 422, 'WRONG_FORMAT'],
    ['one column, no delimiter', 'format=csv', 'just text\nmore text\n', 'text/csv', 422, 'NO_DELIMITER'],
    [
      'binary data',
      'format=csv',
      Buffer.from([0x00, 0x01, 0x02, 0x03, 0xff, 0xfe, 0x00, 0x10, 0x00]),
      'application/octet-stream',
      415,
      'BINARY_FILE',
    ],
    ['a zip archive', 'format=csv', ZIP, 'application/octet-stream', 415, 'BINARY_FILE'],
    ['a PDF', 'format=csv', Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj\n'), 'application/octet-stream', 415, 'BINARY_FILE'],
    [
      'malformed GeoJSON (cut off)',
      'format=geojson',
      '{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"datum":"2024-03-05"},"geometry":{"type":"Point","coordinates":[14.04,57.18]}},',
      'application/geo+json',
      422,
      'MALFORMED_JSON',
    ],
    [
      'malformed GeoJSON (syntax error in a feature)',
      'format=geojson',
      '{"type":"FeatureCollection","features":[{"type":"Feature" "properties":{}}]}',
      'application/geo+json',
      422,
      'MALFORMED_JSON',
    ],
    [
      'malformed GeoJSON (trailing garbage)',
      'format=geojson',
      '{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"datum":"2024-03-05"},"geometry":{"type":"Point","coordinates":[14.04,57.18]}}]} extra',
      'application/geo+json',
      422,
      'MALFORMED_JSON',
    ],
    ['malformed JSON (not an object per item)', 'format=police', '[1, 2, 3]', 'application/json', 422, 'MALFORMED_JSON'],
    [
      'a file mixing UTF-8 and Windows-1252',
      'format=csv',
      Buffer.concat([
        Buffer.from('Datum;Typ;Lat;Lon\n2024-03-05;Skadegörelse;57,18;14,04\n', 'utf8'),
        Buffer.from('2024-03-06;Skadegörelse;57,18;14,04\n', 'latin1'),
      ]),
      'text/csv',
      422,
      'INVALID_ENCODING',
    ],
    ['a mapping naming a column the file lacks', 'format=csv&latField=Nord', GOOD_CSV, 'text/csv', 422, 'MAPPING_INCOMPLETE'],
    ['a file without a date column', 'format=csv', 'Typ;Lat;Lon\nKlotter;57,18;14,04\n', 'text/csv', 422, 'MAPPING_INCOMPLETE'],
  ] as const)('%s → %i %s', async (_what, query, body, type, status, code) => {
    const res = await upload(query, body, type);
    expect(res.statusCode, res.body).toBe(status);
    expect(res.json().error).toBe(code);
    expect(res.json().message.length).toBeGreaterThan(10);
    await nothingWritten();
  });

  it('answers a request with no body at all with 400, for the import and its preview', async () => {
    for (const url of ['/api/imports?format=csv', '/api/imports/preview?format=csv']) {
      for (const headers of [{}, { 'content-length': '0' }]) {
        const res = await t.app.inject({ method: 'POST', url, headers: { origin: ORIGIN, cookie, ...headers } });
        expect(res.statusCode, res.body).toBe(400);
        expect(res.json()).toMatchObject({ error: 'EMPTY_BODY' });
      }
    }
    await nothingWritten();
  });

  it('refuses one 10 MB line', async () => {
    const line = `Datum;Typ;Lat;Lon\n2024-03-05;${'x'.repeat(10 * 1024 * 1024)};57,18;14,04\n`;
    const res = await upload('format=csv', line);
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ error: 'LINE_TOO_LONG' });
    const header = await upload('format=csv', 'x'.repeat(10 * 1024 * 1024));
    expect(header.statusCode).toBe(422);
    expect(header.json()).toMatchObject({ error: 'LINE_TOO_LONG' });
    await nothingWritten();
  });

  it('refuses an unknown encoding, declared or in the charset', async () => {
    const declared = await upload('format=csv&encoding=klingon', GOOD_CSV);
    expect(declared.statusCode).toBe(400);
    expect(declared.json()).toMatchObject({ error: 'VALIDATION_FAILED', details: [{ path: 'querystring.encoding' }] });
    const charset = await upload('format=csv', GOOD_CSV, 'text/csv; charset=klingon');
    expect(charset.statusCode).toBe(415);
    expect(charset.json().error).toBe('UNKNOWN_ENCODING');
    // A known charset parameter is used.
    const latin = await upload(
      'format=csv&sourceName=Latin',
      Buffer.from('Datum;Typ;Lat;Lon\n2024-03-05;Skadegörelse;57,18;14,04\n', 'latin1'),
      'text/csv; charset=windows-1252',
    );
    expect(latin.statusCode).toBe(200);
    expect(latin.json().detected.encoding).toBe('windows-1252');
    await t.app.inject({ method: 'POST', url: `/api/imports/${latin.json().id}/undo`, headers: { origin: ORIGIN, cookie }, payload: {} });
    await nothingWritten();
  });

  it('refuses files over the limit with 413, by Content-Length and while streaming', async () => {
    // Its own app with a 256 KB limit, so that reading up to the limit is quick.
    const small = await createTestApp({ importMaxBytes: 256 * 1024 });
    try {
      const c = await createCollaboration(small.app, 'small-limit');
      await createUser(small.app, c, { email: 'c@small.test', role: 'coordinator' });
      const smallCookie = await loginAs(small.app, 'c@small.test');
      const send = (body: Buffer, type: string) =>
        small.app.inject({
          method: 'POST',
          url: '/api/imports?format=csv',
          headers: { origin: ORIGIN, cookie: smallCookie, 'content-type': type },
          payload: body,
        });
      const raw = await send(Buffer.alloc(400 * 1024, 'a'), 'text/csv');
      expect(raw.statusCode).toBe(413);
      expect(raw.json().error).toBe('FILE_TOO_LARGE');
      // Just over the limit, so that only counting the streamed bytes can notice.
      const boundary = '----big';
      const row = '2024-03-05;Klotter;57,18;14,04\n';
      const form = Buffer.concat([
        Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.csv"\r\nContent-Type: text/csv\r\n\r\n`),
        Buffer.from(`Datum;Typ;Lat;Lon\n${row.repeat(Math.ceil((256 * 1024 + 2000) / row.length))}`),
        Buffer.from(`\r\n--${boundary}--\r\n`),
      ]);
      expect(form.length).toBeLessThan(256 * 1024 + 64 * 1024);
      const multipart = await send(form, `multipart/form-data; boundary=${boundary}`);
      expect(multipart.statusCode).toBe(413);
      expect(multipart.json().error).toBe('FILE_TOO_LARGE');
      const points = await small.app.db
        .selectFrom('point')
        .select(sql<number>`count(*)::int`.as('n'))
        .executeTakeFirstOrThrow();
      expect(points.n).toBe(0);
    } finally {
      await small.close();
    }
  });

  it('takes its upload limit from IMPORT_MAX_MB', () => {
    expect(loadConfig({}).importMaxBytes).toBe(200 * 1024 * 1024);
    expect(loadConfig({ IMPORT_MAX_MB: '50' }).importMaxBytes).toBe(50 * 1024 * 1024);
    expect(() => loadConfig({ IMPORT_MAX_MB: 'lots' })).toThrow(ConfigError);
    expect(() => loadConfig({ IMPORT_MAX_MB: '0' })).toThrow(/IMPORT_MAX_MB must be a whole number/);
  });

  it('refuses content types it does not read, and requests from elsewhere', async () => {
    expect((await upload('format=csv', GOOD_CSV, 'text/plain')).statusCode).toBe(415);
    expect((await upload('format=csv', '<xml/>', 'application/xml')).statusCode).toBe(415);
    const noOrigin = await t.app.inject({
      method: 'POST',
      url: '/api/imports?format=csv',
      headers: { cookie, 'content-type': 'text/csv' },
      payload: GOOD_CSV,
    });
    expect(noOrigin.statusCode).toBe(403);
    expect((await upload('format=excel', GOOD_CSV)).statusCode).toBe(400);
    await nothingWritten();
  });

  it('keeps each refused file as a failed import with its reason', async () => {
    const list = (await t.app.inject({ method: 'GET', url: '/api/imports?limit=200', headers: { cookie } })).json().imports;
    expect(list.length).toBeGreaterThan(20);
    expect(list.every((i: { status: string; rowsImported: number }) => i.status === 'failed' || i.status === 'undone')).toBe(true);
    const zip = list.find((i: { rowsTotal: number; status: string }) => i.status === 'failed');
    const detail = (await t.app.inject({ method: 'GET', url: `/api/imports/${zip.id}`, headers: { cookie } })).json();
    expect(detail.errors[0]).toMatchObject({ row: null, column: null });
  });

  it('turns impossible dates and places in the sea into row errors, not a refusal', async () => {
    const res = await upload(
      'format=csv&sourceName=Rader',
      'Datum;Typ;Lat;Lon\n2024-02-30;Klotter;57,18;14,04\n2024-03-05 25:00;Klotter;57,18;14,04\n2024-03-05;Klotter;55,2;16,5\n2024-03-05;Klotter;0;0\n2024-03-05;Klotter;57,18;14,04\n',
    );
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ rowsImported: 1, rowsFailed: 4 });
    expect(res.json().errors.map((e: { code: string }) => e.code)).toEqual([
      'impossible_date',
      'impossible_date',
      'outside_sweden',
      'outside_sweden',
    ]);
  });
});

describe('over a real connection', () => {
  it('answers a file refused halfway with its error, and a preview of a large file with its start', async () => {
    const address = await t.app.listen({ port: 0, host: '127.0.0.1' });
    {
      // (Closed with the app in afterAll; the refused upload must not keep its connection busy.)
      const headers = { origin: address, cookie, 'content-type': 'text/csv' };
      // The second line is 2 MB: refused at 1 MB, while the client is still sending.
      const body = `Datum;Typ;Lat;Lon\n2024-03-05;${'x'.repeat(2 * 1024 * 1024)};57,18;14,04\n${'2024-03-05;Klotter;57,18;14,04\n'.repeat(100_000)}`;
      const refused = await fetch(`${address}/api/imports?format=csv`, { method: 'POST', headers, body });
      expect(refused.status).toBe(422);
      expect(((await refused.json()) as { error: string }).error).toBe('LINE_TOO_LONG');
      const big = `Datum;Typ;Lat;Lon\n${'2024-03-05;Klotter;57,18;14,04\n'.repeat(200_000)}`;
      const preview = await fetch(`${address}/api/imports/preview?format=csv`, { method: 'POST', headers, body: big });
      expect(preview.status).toBe(200);
      expect(await preview.json()).toMatchObject({ truncated: true, columns: ['Datum', 'Typ', 'Lat', 'Lon'] });
      // The connection is still good for the next request.
      expect((await fetch(`${address}/api/imports`, { headers: { cookie } })).status).toBe(200);
    }
  });
});
