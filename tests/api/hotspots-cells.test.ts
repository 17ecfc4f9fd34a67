import type { CellDetail } from '@lagesbild/shared';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../server/src/config';
import { createCollaboration, createUser, loginAs } from '../support/fixtures';
import { CLUSTER, LONELY, createHotspotWorld } from '../support/hotspot-world';
import { createTestApp } from '../support/test-app';
import { useWorld } from '../support/use-world';

/** The cell panel and the map configuration. */

const w = useWorld(() => createHotspotWorld());

describe('GET /api/hotspots/cells/:cellId', () => {
  it('breaks a cell down by source, category, time of day × weekday and lists its records', async () => {
    const res = await w.get(`/api/hotspots/cells/${CLUSTER.cell}?limit=5`);
    expect(res.statusCode).toBe(200);
    const cell = res.json<CellDetail>();
    expect(cell).toMatchObject({ cell: CLUSTER.cell, cellSize: 100, area: '=Väster', disclosureThreshold: 5 });
    expect(cell.total).toBeGreaterThanOrEqual(150);
    expect(cell.bySource.find((s) => s.source === 'municipality')?.count).toBeGreaterThanOrEqual(150);
    expect(cell.byCategory[0]?.category).toBe('vandalism_graffiti');
    expect(cell.matrix.bands).toEqual(['morning', 'day', 'evening', 'night']);
    expect(cell.matrix.counts).toHaveLength(4);
    expect(cell.matrix.counts[0]).toHaveLength(7);
    // Wednesday (index 2) at noon holds the "day" records of times 0; Sunday (6) the night ones.
    expect(cell.matrix.counts[1]?.[2]).toBeGreaterThan(0);
    expect(cell.matrix.counts[3]?.[6]).toBeGreaterThan(0);
    expect(cell.records).toHaveLength(5);
    expect(cell.recordsTotal).toBe(cell.total);
    expect(cell.records[0]).toMatchObject({ source: expect.any(String), precision: 'exact', policeOnly: false });
    // The map's filter applies to the panel too, its default sources (reported) included.
    expect(cell.bySource.find((s) => s.source === 'survey')?.count).toBe(0);
    const weekend = (await w.get(`/api/hotspots/cells/${CLUSTER.cell}?days=weekend`)).json<CellDetail>();
    expect(weekend.matrix.counts.every((r) => r.slice(0, 5).every((c) => c === 0))).toBe(true);
  });

  it('answers 404 for a cell outside the study area and 400 for a malformed id', async () => {
    expect((await w.get('/api/hotspots/cells/100-5000-70000')).statusCode).toBe(404);
    expect((await w.get(`/api/hotspots/cells/${CLUSTER.cell}?areas=${w.districtId}`)).statusCode).toBe(200);
    expect((await w.get(`/api/hotspots/cells/${LONELY.cell}?areas=${w.districtId}`)).statusCode).toBe(404);
    expect((await w.get('/api/hotspots/cells/not-a-cell')).statusCode).toBe(400);
    expect((await w.get(`/api/hotspots/cells/${CLUSTER.cell}`, w.outsider)).statusCode).toBe(404);
  });
});

describe('GET /api/map-config', () => {
  it('gives the blank style by default, the study area bounds and the areas', async () => {
    const res = await w.get('/api/map-config');
    expect(res.statusCode).toBe(200);
    const config = res.json();
    expect(config).toMatchObject({ styleUrl: null, disclosureThreshold: 5, police: false });
    expect(config.areas.features.map((f: { properties: { name: string } }) => f.properties.name).sort()).toEqual(['=Väster', 'Staden']);
    const [west, south, east, north] = config.bounds;
    expect(west).toBeLessThan(east);
    expect(south).toBeLessThan(north);
    expect((await w.get('/api/map-config', w.police)).json().police).toBe(true);
  });

  it('reads MAP_STYLE_URL from the environment and refuses what is not an http(s) URL or a path', () => {
    const env = { NODE_ENV: 'test' };
    expect(loadConfig(env).mapStyleUrl).toBeUndefined();
    expect(loadConfig({ ...env, MAP_STYLE_URL: ' https://tiles.example.se/style.json ' }).mapStyleUrl).toBe(
      'https://tiles.example.se/style.json',
    );
    expect(loadConfig({ ...env, MAP_STYLE_URL: '/kartor/style.json' }).mapStyleUrl).toBe('/kartor/style.json');
    expect(() => loadConfig({ ...env, MAP_STYLE_URL: 'ftp://tiles.example.se/style.json' })).toThrow(ConfigError);
    expect(() => loadConfig({ ...env, MAP_STYLE_URL: 'style.json' })).toThrow(/MAP_STYLE_URL/);
  });

  it('serves the configured base-map style', async () => {
    const styled = await createTestApp({ mapStyleUrl: 'https://tiles.example.se/style.json' });
    try {
      const c = await createCollaboration(styled.app, 'styled');
      await createUser(styled.app, c, { email: 'stil@hotspots.test', role: 'official' });
      const res = await styled.app.inject({
        method: 'GET',
        url: '/api/map-config',
        headers: { cookie: await loginAs(styled.app, 'stil@hotspots.test') },
      });
      expect(res.json()).toMatchObject({ styleUrl: 'https://tiles.example.se/style.json', bounds: null });
    } finally {
      await styled.close();
    }
  });
});
