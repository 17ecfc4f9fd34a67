import { describe, expect, it } from 'vitest';
import { must } from '@lagesbild/shared';
import {
  CATEGORIES,
  DATES,
  DESCRIPTIONS,
  RT90_WGS84,
  SWEREF,
  TYPES,
  WGS84,
  createImportWorld,
  csvFile,
  encode,
  type Crs,
} from '../support/import-world';
import { useWorld } from '../support/use-world';

const w = useWorld(createImportWorld);

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
    const res = await w.upload(
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

    const points = await w.pointsOf(result.id);
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
    const res = await w.upload(
      'format=geojson&sourceName=Vaktbolaget&typeField=h%C3%A4ndelse&dateField=n%C3%A4r&descriptionField=text',
      JSON.stringify(geojson),
      { type: 'application/geo+json' },
    );
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ rowsImported: 5, detected: { coordinateSystem: 'sweref99tm' } });
    const points = await w.pointsOf(res.json().id);
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
    const res = await w.upload('format=open311&sourceName=Felanmälan', JSON.stringify(requests), { type: 'application/json' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ rowsTotal: 3, rowsImported: 2, rowsFailed: 1, errors: [{ row: 3, code: 'missing_value' }] });
    const points = await w.pointsOf(res.json().id);
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
    const res = await w.upload('format=csv&sourceName=Multipart', body, {
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
