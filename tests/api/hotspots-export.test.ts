import { describe, expect, it } from 'vitest';
import { CLUSTER, createHotspotWorld } from '../support/hotspot-world';
import { useWorld } from '../support/use-world';
import { must } from '@lagesbild/shared';

/** GET /api/hotspots/export: every study-area cell as CSV or GeoJSON, audited, saying what was analysed. */

const w = useWorld(() => createHotspotWorld());

describe('exports', () => {
  it('writes every cell as CSV for Swedish spreadsheets, safe against formula injection, and audits it', async () => {
    const res = await w.get('/api/hotspots/export?format=csv&cellSize=100');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    expect(res.headers['content-disposition']).toMatch(/attachment; filename="hotspots-\d{4}-\d{2}-\d{2}\.csv"/);
    expect(res.body.startsWith('\uFEFFcell;area;centre_lat')).toBe(true);
    const lines = res.body.trim().split('\r\n');
    expect(lines).toHaveLength(401);
    const header = must(lines[0], 'the header line').split(';');
    const cluster = must(
      lines.find((l) => l.startsWith(CLUSTER.cell)),
      'the cluster line',
    ).split(';');
    // The district is called "=Väster": a spreadsheet must not run it as a formula.
    expect(cluster[1]).toBe("'=Väster");
    expect(cluster[header.indexOf('class_label')]).toBe('hot spot, adjusted p <= 0.01');
    expect(cluster[2]).toMatch(/^57,\d+$/);
    // p is written with four significant digits, however small.
    expect(cluster[header.indexOf('p_fdr')]).toMatch(/^\d,\d{1,3}e-\d+$/);
    // Each row says what was analysed, and that police-only records were left out for this viewer.
    expect(cluster.at(-1)).toMatch(
      /^reported \(municipality, police, walk, dialogue\) — exact binomial Gi\*, 100 m cells, \d+ m band — police-only records left out$/,
    );
    const audit = await w.t.app.db.selectFrom('audit_log').select(['action', 'details']).where('action', '=', 'hotspots.export').execute();
    expect(audit.at(-1)?.details).toMatchObject({ format: 'csv', cells: 400, police: false });
    const asPolice = (await w.get('/api/hotspots/export?format=csv&cellSize=100', w.police)).body;
    expect(asPolice).toContain('all records, police-only included');
  });

  it('reproduces the map: the export’s counts and classes are the map’s', async () => {
    const map = await w.hotspots('cellSize=100&cells=all');
    const lines = (await w.get('/api/hotspots/export?format=csv&cellSize=100')).body.trim().split('\r\n');
    const header = must(lines[0], 'the header line').split(';');
    for (const line of lines.slice(1)) {
      const cells = line.split(';');
      const f = must(
        map.features.find((x) => x.id === cells[0]),
        'the first cell',
      );
      expect(Number(cells[header.indexOf('count')])).toBe(f.properties.count);
      expect(Number(cells[header.indexOf('class')])).toBe(f.properties.class);
    }
  });

  it('writes every cell as a GeoJSON download', async () => {
    const res = await w.get('/api/hotspots/export?format=geojson&cellSize=100');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/geo\+json/);
    expect(res.json().features).toHaveLength(400);
    expect(res.json().meta.disclosure.rule).toMatch(/left out of the whole analysis/);
    expect((await w.get('/api/hotspots/export?format=xlsx')).statusCode).toBe(400);
  });
});
