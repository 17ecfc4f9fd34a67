import { describe, expect, it } from 'vitest';
import { ORIGIN } from '../support/fixtures';
import { createImportWorld } from '../support/import-world';
import { useWorld } from '../support/use-world';

const w = useWorld(createImportWorld);

describe('taxonomy mapping', () => {
  it('lists unmapped types, and a changed mapping re-categorises the rows already imported', async () => {
    const text =
      'Datum;Typ;Lat;Lon\n2024-05-01;Hundbajs i parken;57,18;14,04\n2024-05-02;HUNDBAJS I PARKEN;57,18;14,05\n2024-05-03;Klotter;57,18;14,06\n';
    const result = (await w.upload('format=csv&sourceName=Parkförvaltningen', text)).json();
    expect(result.unmappedTypes).toEqual([{ type: 'Hundbajs i parken', count: 2 }]);
    const list = (await w.get('/api/imports/mappings?source=municipality')).json().mappings;
    expect(list.find((m: { externalType: string }) => m.externalType.toLowerCase() === 'hundbajs i parken')).toMatchObject({
      category: 'other',
      origin: 'unmapped',
      rows: 2,
    });

    const changed = await w.put('/api/imports/mappings', {
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
    const points = await w.pointsOf(result.id);
    expect(points.map((p) => p.category)).toEqual(['littering', 'littering', 'vandalism_graffiti']);
    const after = (await w.get('/api/imports/mappings?source=municipality')).json().mappings;
    expect(after.find((m: { externalType: string }) => m.externalType.toLowerCase() === 'hundbajs i parken')).toMatchObject({
      category: 'littering',
      origin: 'custom',
    });
    // New imports use the mapping at once.
    const next = (
      await w.upload('format=csv&sourceName=Parkförvaltningen', 'Datum;Typ;Lat;Lon\n2024-06-01;hundbajs i parken;57,18;14,07\n')
    ).json();
    expect(next.unmappedTypes).toEqual([]);
    expect((await w.pointsOf(next.id))[0]?.category).toBe('littering');
    expect((await w.put('/api/imports/mappings', { source: 'municipality', externalType: 'x', category: 'nonsense' })).statusCode).toBe(
      400,
    );
  });
});

describe('templates and preview', () => {
  it('previews the first rows with a suggested mapping, saves it as a template, and imports with it', async () => {
    const text =
      'Händelsenr|Tidpunkt|Vad hände|Nordlig|Östlig\n7|2024-03-05 18:30|Glaskross|6339600|449300\n8|2024-03-06 19:30|Klotter|6340200|450100\n';
    const preview = await w.t.app.inject({
      method: 'POST',
      url: '/api/imports/preview?typeField=Vad%20h%C3%A4nde&northingField=Nordlig&eastingField=%C3%96stlig&idField=H%C3%A4ndelsenr',
      headers: { origin: ORIGIN, cookie: w.coordinator, 'content-type': 'application/octet-stream' },
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
    expect(await w.countPoints()).toBeGreaterThan(0);

    const saved = await w.post('/api/imports/templates', {
      name: 'Vaktbolaget Syd',
      format: 'csv',
      source: 'municipality',
      options: { ...body.mapping, delimiter: '|' },
    });
    expect(saved.statusCode).toBe(200);
    const template = saved.json();
    expect((await w.get('/api/imports/templates')).json().templates.map((x: { name: string }) => x.name)).toContain('Vaktbolaget Syd');
    expect((await w.get('/api/imports/templates', w.other)).json().templates).toEqual([]);

    const result = (await w.upload(`format=csv&templateId=${template.id}`, text)).json();
    expect(result).toMatchObject({ sourceName: 'Vaktbolaget Syd', rowsImported: 2 });
    expect((await w.pointsOf(result.id)).map((p) => p.external_id).sort()).toEqual(['Vaktbolaget Syd:7', 'Vaktbolaget Syd:8']);
    expect((await w.upload(`format=geojson&templateId=${template.id}`, '{}', { type: 'application/json' })).statusCode).toBe(422);

    const removed = await w.t.app.inject({
      method: 'DELETE',
      url: `/api/imports/templates/${template.id}`,
      headers: { origin: ORIGIN, cookie: w.coordinator },
      payload: {},
    });
    expect(removed.statusCode).toBe(200);
    expect((await w.upload(`format=csv&templateId=${template.id}`, text)).statusCode).toBe(404);
  });

  it('recognises the format when previewing without one', async () => {
    const preview = async (payload: string) =>
      (
        await w.t.app.inject({
          method: 'POST',
          url: '/api/imports/preview',
          headers: { origin: ORIGIN, cookie: w.coordinator, 'content-type': 'application/json' },
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
