import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { expect } from './support/expect';
import { must, type WalkDetail } from '@lagesbild/shared';
import { PLANTED, containsText, jpegMetadata, jpegWithMetadata } from '../support/images';
import { expectNoAxeViolations, launch, phonePage, screenshot } from './support/browser';

import { baseUrl, missing } from './support/file-server';
import { logIn } from './support/login';
let browser: Browser;

/** Every answer to a stop or photo upload, as the server gave it. */
function uploads(page: Page): { kind: 'stop' | 'photo'; status: number }[] {
  const seen: { kind: 'stop' | 'photo'; status: number }[] = [];
  page.on('response', (res) => {
    if (res.request().method() !== 'PUT' || !res.url().includes('/api/walks/')) return;
    seen.push({ kind: res.url().includes('/photos/') ? 'photo' : 'stop', status: res.status() });
  });
  return seen;
}

describe.skipIf(missing)(`safety walk on a phone${missing ? ` (skipped: ${missing})` : ''}`, () => {
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => browser?.close());

  // A generous budget: the machine may be busy; nothing here asserts on time.
  it(
    'records three stops with ratings and a photo offline, syncs them exactly once, strips the photo and feeds the point store',
    { timeout: 240_000 },
    async () => {
      const page = await phonePage(browser);
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      const context = page.context();
      const sent = uploads(page);
      await logIn(page, 'samordnare@demo.lagesbild.se');

      await page.getByRole('link', { name: 'Trygghetsvandringar' }).click();
      await page.waitForURL(`${baseUrl}/staff/walks`);
      await expectNoAxeViolations(page);
      await screenshot(page, 'walks-1-list');

      const title = `Kvällsvandring Gröndal ${Date.now()}`;
      await page.getByLabel('Namn på vandringen').fill(title);
      await page.getByLabel('Antal deltagare').fill('12');
      await page.getByLabel('Mörker').check();
      await page.getByLabel('Område', { exact: true }).selectOption({ index: 1 });
      await page.getByLabel('Närvarande aktörer, en per rad').fill('Polisen\nGatuavdelningen\nStubo');
      await page.getByRole('button', { name: 'Skapa vandringen' }).click();
      await page.waitForURL(/\/staff\/walks\/[0-9a-f-]{36}$/);
      const walkId = must(page.url().split('/').pop(), 'the walk id in the address');
      await page.getByRole('heading', { level: 1, name: title }).waitFor();
      await page.getByRole('status').filter({ hasText: 'Alla stopp är skickade.' }).waitFor();
      await expectNoAxeViolations(page);
      await screenshot(page, 'walks-2-new');

      // Once the service worker controls the page, load the walk page through it: kept for offline reloads.
      await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
      await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null), { timeout: 30_000 }).toBe(true);
      await page.reload();
      await page.getByRole('heading', { level: 1, name: title }).waitFor();

      const detail = (await (await page.request.get(`${baseUrl}/api/walks/${walkId}`)).json()) as WalkDetail;
      const [w, s, e, n] = detail.bounds as [number, number, number, number];
      await context.grantPermissions(['geolocation'], { origin: baseUrl });
      await context.setGeolocation({ latitude: (s + n) / 2, longitude: (w + e) / 2, accuracy: 10 });

      // Out on the walk: no network from here on.
      await context.setOffline(true);
      const stops = [
        {
          notes: 'Gångtunneln under järnvägen är helt mörk.',
          ratings: { Belysning: '0 – Mycket dåligt', Överblick: '1 – Dåligt', 'Känsla av trygghet': '0 – Mycket dåligt' },
        },
        { notes: 'Täta buskar skymmer sikten mot parkeringen.', ratings: { 'Människor i rörelse': '1 – Dåligt', Synlighet: '1 – Dåligt' } },
        {
          notes: 'Busshållplatsen är ljus och trygg.',
          ratings: { Belysning: '3 – Bra', 'Känsla av trygghet': '3 – Bra', Gångväg: '0 – Mycket dåligt' },
        },
      ];
      for (const [i, stop] of stops.entries()) {
        await page.getByRole('button', { name: '+ Lägg till stopp' }).click();
        await page.getByRole('heading', { name: `Stopp ${i + 1}`, level: 2 }).waitFor();
        await page.locator('.map[data-ready]').waitFor();
        if (i === 0) {
          await page.getByRole('button', { name: 'Använd min position' }).click();
        } else {
          const map = page.locator('.maplibregl-canvas');
          await map.scrollIntoViewIfNeeded();
          const box = must(await map.boundingBox(), 'the map box');
          await page.mouse.click(box.x + box.width / 2 + (i === 1 ? -50 : 60), box.y + box.height / 2 + (i === 1 ? 30 : -40));
        }
        await page.getByText('Platsen är markerad.').waitFor();
        for (const [parameter, label] of Object.entries(stop.ratings)) {
          await page.getByRole('group', { name: parameter, exact: true }).getByLabel(label).check();
        }
        await page.getByLabel('Anteckningar').fill(stop.notes);
        if (i === 0) {
          await page
            .locator('input[type="file"]')
            .setInputFiles({ name: 'tunnel.jpg', mimeType: 'image/jpeg', buffer: jpegWithMetadata() });
          await page.getByRole('img', { name: 'Foto från stopp 1' }).waitFor();
          await page.getByLabel('Vad borde göras?').fill('Byt armaturerna i gångtunneln');
          await page.getByLabel('Vem ansvarar?').selectOption('municipality');
          await page.getByLabel('Namn på ansvarig (t.ex. förvaltning eller bolag)').fill('Gatuavdelningen');
          await page.getByText('Blir underlag i lägesbilden som: belysning och mörka platser').waitFor();
          await expectNoAxeViolations(page);
          await screenshot(page, 'walks-3-stop-editor');
        }
        await page.getByRole('button', { name: 'Spara stoppet' }).click();
        await page.getByRole('heading', { name: `Stopp ${i + 1}`, level: 3 }).waitFor();
        if (i === 0) {
          // The phone reloads the tab with no network: the page comes from the service worker, the stop from IndexedDB.
          await page.reload();
          await page.getByText('1 stopp väntar på att skickas.').waitFor();
          await page.getByRole('img', { name: 'Foto från stopp 1' }).waitFor();
        }
      }
      await page.getByText('3 stopp väntar på att skickas.').waitFor();
      await expect(page.getByText('Väntar på att skickas', { exact: true })).toHaveCount(3, { timeout: 30_000 });
      expect(sent.filter((r) => r.status > 0)).toEqual([]);
      await expectNoAxeViolations(page);
      await screenshot(page, 'walks-4-offline-queue');

      // Back in coverage: the queue goes out by itself, once.
      await context.setOffline(false);
      await page.getByText('Alla stopp är skickade.').waitFor();
      await expect(page.getByText('Skickad', { exact: true })).toHaveCount(3, { timeout: 30_000 });
      expect(sent.filter((r) => r.kind === 'stop' && r.status === 201)).toHaveLength(3);
      expect(sent.filter((r) => r.kind === 'photo' && r.status === 201)).toHaveLength(1);
      await expectNoAxeViolations(page);
      await screenshot(page, 'walks-5-synced');

      // A reload finds nothing left to send and nothing stored twice.
      await page.reload();
      await page.getByText('Alla stopp är skickade.').waitFor();
      const stored = (await (await page.request.get(`${baseUrl}/api/walks/${walkId}`)).json()) as WalkDetail;
      expect(stored.stops).toHaveLength(3);
      expect(stored.stops.map((x) => x.notes)).toEqual(stops.map((x) => x.notes));
      expect(stored.stops.map((x) => x.categories)).toEqual([['lighting'], ['disorder'], ['traffic']]);
      expect(stored.stops[0]?.action).toMatchObject({
        text: 'Byt armaturerna i gångtunneln',
        owner: 'municipality',
        ownerName: 'Gatuavdelningen',
      });
      expect(stored.stops[0]?.lat).toBeCloseTo((s + n) / 2, 5);

      // The stored photo has no EXIF or GPS left.
      const stop = must(stored.stops[0], 'the stop');
      const photo = must(stop.photos[0], 'the photo');
      const image = await page.request.get(`${baseUrl}/api/walks/${walkId}/stops/${stop.clientId}/photos/${photo.id}`);
      expect(image.status()).toBe(200);
      const bytes = await image.body();
      expect(jpegMetadata(bytes)).toEqual({ exifTags: [], gps: false, xmp: false, iptc: false, comment: false, orientation: null });
      for (const text of PLANTED) expect(containsText(bytes, text), text).toBe(false);

      // Every stop is in the point store under source "walk", and on the hot-spot map's point layer.
      const pointIds = stored.stops.flatMap((x) => x.pointIds);
      expect(pointIds).toHaveLength(3);
      const layer = (await (await page.request.get(`${baseUrl}/api/hotspots/points?sources=walk`)).json()) as {
        features: { geometry: { coordinates: [number, number] }; properties: { source: string; category: string } }[];
      };
      for (const stop of stored.stops) {
        // The map layer carries coordinates at single precision: within about 5 m.
        const here = layer.features.filter(
          (f) => Math.abs(f.geometry.coordinates[0] - stop.lon) < 5e-5 && Math.abs(f.geometry.coordinates[1] - stop.lat) < 5e-5,
        );
        expect(here.map((f) => `${f.properties.source}:${f.properties.category}`)).toEqual(stop.categories.map((c) => `walk:${c}`));
      }
      await screenshot(page, 'walks-6-after-reload');

      const exported = await page.request.get(`${baseUrl}/api/walks/${walkId}/export?format=docx`);
      expect(exported.status()).toBe(200);
      expect(exported.headers()['content-type']).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
      expect(errors).toEqual([]);
      await context.close();
    },
  );

  it('records a dialogue meeting and its concerns as mentions', { timeout: 180_000 }, async () => {
    const page = await phonePage(browser);
    await logIn(page, 'kommunpolis@demo.lagesbild.se');
    await page.getByRole('link', { name: 'Dialoger' }).click();
    await page.waitForURL(`${baseUrl}/staff/dialogues`);
    await expectNoAxeViolations(page);

    const place = `Medborgarhuset ${Date.now()}`;
    await page.getByLabel('Plats för mötet').fill(place);
    await page.getByLabel('Antal närvarande').fill('27');
    await page.getByLabel('Invånare (medborgardialog)').check();
    await page.getByRole('button', { name: 'Spara mötet' }).click();
    await page.waitForURL(/\/staff\/dialogues\/[0-9a-f-]{36}$/);
    const meetingId = must(page.url().split('/').pop(), 'the meeting id in the address');

    const add = page.getByRole('region', { name: 'Lägg till en fråga' });
    await add.getByLabel('Vad togs upp?').fill('Langning vid skolans baksida');
    await add.getByLabel('Kategori').selectOption('drugs');
    await add.getByLabel('Hur många tog upp det?').fill('9');
    await add.locator('.map[data-ready]').waitFor();
    await add.locator('.maplibregl-canvas').scrollIntoViewIfNeeded();
    const box = must(await add.locator('.maplibregl-canvas').boundingBox(), 'the map box');
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    await add.getByText('Platsen är markerad.').waitFor();
    await add.getByRole('button', { name: 'Lägg till', exact: true }).click();
    await page.getByText('9 omnämnanden', { exact: true }).waitFor();

    await add.getByLabel('Vad togs upp?').fill('Mopeder i gångtunneln på kvällarna');
    await add.getByLabel('Kategori').selectOption('traffic');
    await add.getByLabel('Hur många tog upp det?').fill('4');
    await add.getByRole('button', { name: 'Lägg till', exact: true }).click();
    await page.getByText('4 omnämnanden', { exact: true }).waitFor();
    await page.getByText('2 frågor, 13 omnämnanden').waitFor();
    await expectNoAxeViolations(page);
    await screenshot(page, 'dialogues-1-meeting');

    const meeting = await (await page.request.get(`${baseUrl}/api/dialogues/${meetingId}`)).json();
    expect(meeting.concerns.map((c: { mentions: number; precision: string }) => [c.mentions, c.precision])).toEqual([
      [9, 'exact'],
      [4, 'area'],
    ]);
    await page.context().close();
  });
});
