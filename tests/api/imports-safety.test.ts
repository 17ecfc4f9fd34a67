import { describe, expect, it } from 'vitest';
import { createCollaboration, createUser, loginAs } from '../support/fixtures';
import { createImportWorld, csvFile } from '../support/import-world';
import { useWorld } from '../support/use-world';

const w = useWorld(createImportWorld);

describe('safety', () => {
  const file = csvFile(';', 'wgs84').replaceAll('EST-', 'BB-');

  it('imports nothing new when the same file comes again, and undo removes exactly its rows', async () => {
    const first = (await w.upload('format=csv&sourceName=Bostadsbolaget', file)).json();
    expect(first.rowsImported).toBe(5);
    const again = (await w.upload('format=csv&sourceName=Bostadsbolaget', file)).json();
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
    const hashed = (await w.upload('format=csv&sourceName=Skolan', noIds)).json();
    expect(hashed.rowsImported).toBe(5);
    expect((await w.upload('format=csv&sourceName=Skolan', noIds)).json()).toMatchObject({ rowsImported: 0, rowsSkipped: 5 });

    const before = await w.countPoints();
    const undo = await w.post(`/api/imports/${first.id}/undo`, {});
    expect(undo.statusCode).toBe(200);
    expect(undo.json()).toMatchObject({ id: first.id, status: 'undone' });
    expect(await w.countPoints({ importId: first.id })).toBe(0);
    expect(await w.countPoints()).toBe(before - 5);
    expect(await w.countPoints({ importId: hashed.id })).toBe(5);
    expect((await w.post(`/api/imports/${first.id}/undo`, {})).statusCode).toBe(409);
    expect((await w.post(`/api/imports/${again.id}/undo`, {})).statusCode).toBe(200);

    // Once undone, the same file imports again.
    expect((await w.upload('format=csv&sourceName=Bostadsbolaget', file)).json().rowsImported).toBe(5);

    const audit = await w.t.app.db
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
    const strict = await w.upload('format=csv&sourceName=Felrapport&strict=true', text);
    expect(strict.statusCode).toBe(422);
    expect(strict.json()).toMatchObject({ error: 'STRICT_IMPORT_FAILED' });
    expect(strict.json().details[0]).toEqual({ path: 'rows.3.Datum', message: '"2024-02-30 18:30" in Datum is not a date that exists.' });
    const failed = (await w.get('/api/imports')).json().imports[0];
    expect(failed).toMatchObject({ status: 'failed', strict: true, rowsTotal: 9, rowsImported: 0, rowsFailed: 8 });
    expect(await w.countPoints({ importId: failed.id })).toBe(0);
    expect((await w.post(`/api/imports/${failed.id}/undo`, {})).statusCode).toBe(409);

    const lenient = (await w.upload('format=csv&sourceName=Felrapport', text)).json();
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
    const detail = (await w.get(`/api/imports/${lenient.id}`)).json();
    expect(detail.errors).toHaveLength(8);
  });

  it('keeps the first 1 000 row errors but counts them all', async () => {
    const rows = Array.from({ length: 1500 }, (_, i) => `2024-02-30;Klotter;57,18;14,04;${i}`);
    const result = (await w.upload('format=csv&sourceName=Massfel', ['Datum;Typ;Lat;Lon;Id', ...rows].join('\n'))).json();
    expect(result).toMatchObject({ rowsFailed: 1500, errorsTruncated: true });
    expect(result.errors).toHaveLength(1000);
  });

  it("flags rows outside the collaboration's boundary and puts the rest in their area", async () => {
    const c = await createCollaboration(w.t.app, 'imports-boundary');
    await createUser(w.t.app, c, { email: 'c@boundary.test', role: 'coordinator' });
    const cookie = await loginAs(w.t.app, 'c@boundary.test');
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
      await w.upload('format=areas&kind=boundary', JSON.stringify({ ...areas, features: [areas.features[0]] }), {
        cookie,
        type: 'application/geo+json',
      })
    ).json();
    expect(boundary).toMatchObject({ rowsImported: 1, pointsReassigned: 0 });
    const districts = (
      await w.upload('format=areas', JSON.stringify({ ...areas, features: [areas.features[1]] }), { cookie, type: 'application/geo+json' })
    ).json();
    expect(districts.rowsImported).toBe(1);
    const result = (
      await w.upload('format=csv', 'Datum;Lat;Lon\n2024-03-05;57,18;14,05\n2024-03-05;57,30;14,30\n2024-03-05;59,33;18,06\n', { cookie })
    ).json();
    expect(result).toMatchObject({ rowsImported: 2, rowsFailed: 1 });
    expect(result.errors[0]).toMatchObject({ row: 4, code: 'outside_boundary' });
    const names = await w.t.app.db
      .selectFrom('point')
      .innerJoin('area', 'area.id', 'point.area_id')
      .select('area.name')
      .where('point.import_id', '=', result.id)
      .orderBy('point.lat')
      .execute();
    expect(names.map((n) => n.name)).toEqual(['Centrum', 'Kommunen']);
  });
});

describe('who sees and imports what', () => {
  const file = 'Datum;Brottskod;Lat;Lon\n2024-03-05 22:10;Misshandel;57,18;14,04\n2024-03-06 23:10;Rån;57,18;14,05\n';

  it('lets only police staff import police-internal data, and shows it only to them', async () => {
    const refused = await w.upload('format=csv&source=police&sourceName=RAR&typeField=Brottskod', file);
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error).toBe('POLICE_AGENCY_REQUIRED');
    const res = await w.upload('format=csv&source=police&sourceName=RAR&typeField=Brottskod', file, { cookie: w.policeCoordinator });
    expect(res.statusCode).toBe(200);
    const id = res.json().id;
    expect(res.json()).toMatchObject({ classification: 'police_only', rowsImported: 2 });
    expect((await w.pointsOf(id)).map((p) => [p.source, p.classification, p.category])).toEqual([
      ['police', 'police_only', 'violence'],
      ['police', 'police_only', 'violence'],
    ]);
    const seenByMunicipality = (await w.get('/api/imports')).json().imports.map((i: { id: string }) => i.id);
    expect(seenByMunicipality).not.toContain(id);
    expect((await w.get(`/api/imports/${id}`)).statusCode).toBe(404);
    expect((await w.post(`/api/imports/${id}/undo`, {})).statusCode).toBe(404);
    expect((await w.get('/api/imports', w.policeCoordinator)).json().imports.map((i: { id: string }) => i.id)).toContain(id);
    // Two police-only rows are below the disclosure threshold: withheld from municipal staff.
    const mappings = (await w.get('/api/imports/mappings?source=police')).json().mappings;
    expect(mappings.find((m: { externalType: string }) => m.externalType === 'Misshandel')).toMatchObject({ rows: null });
    const forPolice = (await w.get('/api/imports/mappings?source=police', w.policeCoordinator)).json().mappings;
    expect(forPolice.find((m: { externalType: string }) => m.externalType === 'Misshandel')).toMatchObject({ rows: 1 });
  });

  it("answers 404 for another collaboration's import", async () => {
    const mine = (await w.upload('format=csv&sourceName=Egen', 'Datum;Lat;Lon\n2024-03-05;57,18;14,04\n')).json();
    expect((await w.get(`/api/imports/${mine.id}`, w.other)).statusCode).toBe(404);
    expect((await w.post(`/api/imports/${mine.id}/undo`, {}, w.other)).statusCode).toBe(404);
    expect((await w.get('/api/imports', w.other)).json().imports).toEqual([]);
    expect(await w.countPoints({ importId: mine.id })).toBe(1);
  });
});
