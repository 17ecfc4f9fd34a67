import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PMTiles } from 'pmtiles';
import { loadConfig } from '../../server/src/config';
import { parseRange } from '../../server/src/features/basemap/basemap-archive';
import { createTestApp, type TestApp } from '../support/test-app';
import { tileAt, writeStreetArchive } from '../support/pmtiles-fixture';

const dir = mkdtempSync(join(tmpdir(), 'lagesbild-basemap-'));
const archivePath = join(dir, 'area.pmtiles');
writeStreetArchive(archivePath, [14.045, 57.183]);
const TILES = '/api/public/base-map/tiles.pmtiles';

describe('the served base map (MAP_PMTILES)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ mapPmtiles: archivePath, mapStyleUrl: 'https://tiles.example.se/style.json' });
  });
  afterAll(async () => t.close());

  it('names the extract, its attribution, and not the style, when the archive is readable', async () => {
    const res = await t.app.inject({ url: '/api/public/base-map' });
    expect(res.json()).toEqual({ pmtilesUrl: TILES, styleUrl: null, attribution: '© OpenStreetMap contributors' });
  });

  it('answers a range with 206 and Content-Range, and the whole file without one', async () => {
    const whole = await t.app.inject({ url: TILES });
    expect(whole.statusCode).toBe(200);
    expect(whole.headers['accept-ranges']).toBe('bytes');
    const size = whole.rawPayload.length;
    const part = await t.app.inject({ url: TILES, headers: { range: 'bytes=0-126' } });
    expect(part.statusCode).toBe(206);
    expect(part.headers['content-range']).toBe(`bytes 0-126/${size}`);
    expect(part.rawPayload.subarray(0, 7).toString()).toBe('PMTiles');
    expect(part.rawPayload.length).toBe(127);
    const tail = await t.app.inject({ url: TILES, headers: { range: 'bytes=-10' } });
    expect(tail.headers['content-range']).toBe(`bytes ${size - 10}-${size - 1}/${size}`);
    expect(tail.rawPayload.equals(whole.rawPayload.subarray(size - 10))).toBe(true);
  });

  it('answers 416 with the size for a range it cannot give', async () => {
    for (const range of ['bytes=999999999-', 'bytes=5-2', 'items=0-1', 'bytes=0-1,4-5', 'bytes=-0']) {
      const res = await t.app.inject({ url: TILES, headers: { range } });
      expect(res.statusCode, range).toBe(416);
      expect(res.headers['content-range']).toMatch(/^bytes \*\/\d+$/);
    }
  });

  it('serves an archive the pmtiles reader reads tiles from', async () => {
    const reader = new PMTiles({
      getKey: () => 'served',
      async getBytes(offset, length) {
        const res = await t.app.inject({ url: TILES, headers: { range: `bytes=${offset}-${offset + length - 1}` } });
        return { data: new Uint8Array(res.rawPayload).buffer };
      },
    });
    const header = await reader.getHeader();
    expect(header.maxZoom).toBe(16);
    const [x, y] = tileAt(14.045, 57.183, 15);
    expect((await reader.getZxy(15, x, y))?.data.byteLength).toBeGreaterThan(0);
  });
});

describe('without a usable archive', () => {
  it.each([
    ['missing', join(dir, 'nowhere.pmtiles')],
    ['corrupt', join(dir, 'corrupt.pmtiles')],
  ])('starts with a %s file, logs one line, and falls back to MAP_STYLE_URL', async (_kind, path) => {
    writeFileSync(join(dir, 'corrupt.pmtiles'), 'PMTiles but not really, just text');
    const t = await createTestApp({ mapPmtiles: path, mapStyleUrl: '/kartor/style.json' });
    try {
      const res = await t.app.inject({ url: '/api/public/base-map' });
      expect(res.json()).toEqual({ pmtilesUrl: null, styleUrl: '/kartor/style.json', attribution: null });
      expect((await t.app.inject({ url: TILES })).statusCode).toBe(404);
    } finally {
      await t.close();
    }
  });

  it('with neither, names no base map (the maps draw their fallback)', async () => {
    const t = await createTestApp();
    try {
      expect((await t.app.inject({ url: '/api/public/base-map' })).json()).toEqual({ pmtilesUrl: null, styleUrl: null, attribution: null });
    } finally {
      await t.close();
    }
  });

  it('reads MAP_PMTILES relative to the data directory', () => {
    expect(loadConfig({ NODE_ENV: 'test', DATA_DIR: '/srv/lagesbild', MAP_PMTILES: 'area.pmtiles' }).mapPmtiles).toBe(
      '/srv/lagesbild/area.pmtiles',
    );
    expect(loadConfig({ NODE_ENV: 'test', DATA_DIR: '/srv/lagesbild', MAP_PMTILES: '/maps/x.pmtiles' }).mapPmtiles).toBe('/maps/x.pmtiles');
  });

  it('parses the range forms the reader sends', () => {
    expect(parseRange(undefined, 100)).toBe('whole');
    expect(parseRange('bytes=10-', 100)).toEqual({ start: 10, end: 99 });
    expect(parseRange('bytes=90-200', 100)).toEqual({ start: 90, end: 99 });
    expect(parseRange('bytes=100-', 100)).toBe('unsatisfiable');
  });
});
