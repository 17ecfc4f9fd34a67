import type { Browser, Locator } from 'playwright-core';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { expect } from './support/expect';
import { demoPlaces } from '../../server/src/features/demo/generator/generate-demo';
import { expectNoAxeViolations, launch, phonePage, screenshot } from './support/browser';

import { baseUrl, missing } from './support/file-server';
import { logIn } from './support/login';
import { must } from '@lagesbild/shared';
let browser: Browser;

/** A small EST report as a housing company sends it: semicolons, decimal commas, Windows-1252. */
function estReport(): Buffer {
  const places = demoPlaces()
    .slice(0, 4)
    .map(({ lat, lon }) => ({ lat, lon }));
  const place = (i: number) => must(places[i], `demo place ${i}`);
  const comma = (n: number) => n.toFixed(5).replace('.', ',');
  const rows = [
    'Ärendenr;Datum;Tid;Kategori;Latitud;Longitud;Beskrivning',
    `E2E-1;2026-10-05;21.30;Klotter;${comma(place(0).lat)};${comma(place(0).lon)};Klotter på gavelväggen`,
    `E2E-2;6/10/2026;kl. 22;Skadegörelse;${comma(place(1).lat)};${comma(place(1).lon)};Krossad ruta i entrén`,
    `E2E-3;2026-10-07;07:15;Nedskräpning;${comma(place(2).lat)};${comma(place(2).lon)};Skräp vid återvinningen`,
    `E2E-4;2026-02-30;12:00;Klotter;${comma(place(3).lat)};${comma(place(3).lon)};Fel datum`,
    `E2E-5;2026-10-08;23:40;Hundbajs;${comma(place(3).lat)};${comma(place(3).lon)};Vid lekplatsen`,
  ];
  return Buffer.from(`${rows.join('\r\n')}\r\n`, 'latin1');
}

/**
 * The value a description list gives for a term, one pair at a time: the list's text as a whole
 * runs its terms and values together with whatever white space the markup has between them.
 */
function valueOf(list: Locator, term: string): Locator {
  return list
    .locator('div')
    .filter({ has: list.page().getByRole('term').filter({ hasText: term }) })
    .getByRole('definition');
}

async function coordinatorPage() {
  const page = await phonePage(browser);
  await logIn(page, 'samordnare@demo.lagesbild.se');
  return page;
}

describe.skipIf(missing)(`imports on a phone${missing ? ` (skipped: ${missing})` : ''}`, () => {
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => browser?.close());

  it('a coordinator uploads a CSV, previews it, imports it, reads the result and maps a type', async () => {
    const page = await coordinatorPage();
    await page.getByRole('link', { name: 'Import', exact: true }).click();
    await page.waitForURL(`${baseUrl}/staff/imports`);
    await expect(page.locator('h1')).toHaveText('Importera underlag');
    await expectNoAxeViolations(page);
    await screenshot(page, 'imports-start');

    await page.getByLabel('Fil', { exact: true }).setInputFiles({ name: 'vecka-41.csv', mimeType: 'text/csv', buffer: estReport() });
    await page.getByLabel('Avsändare').fill('Värnamohem EST');
    await page.getByRole('button', { name: 'Förhandsgranska' }).click();
    await expect(page.getByRole('heading', { name: 'Så läses filen' })).toBeVisible();
    const detected = page.locator('dl.detected');
    await expect(valueOf(detected, 'Teckenkodning')).toHaveText('windows-1252');
    await expect(valueOf(detected, 'Avgränsare')).toHaveText('semikolon');
    await expect(valueOf(detected, 'Koordinatsystem')).toContainText('WGS 84');
    // The suggested mapping, and the first rows as they will be read.
    expect(await page.getByLabel('Latitud', { exact: true }).inputValue()).toBe('Latitud');
    expect(await page.getByLabel('Klockslag').inputValue()).toBe('Tid');
    await expect(page.getByRole('list', { name: 'Så tolkas de' })).toContainText('Datum: Datumet eller klockslaget finns inte');
    await expect(page.getByRole('list', { name: 'Så tolkas de' })).toContainText('Skadegörelse och klotter');
    await expectNoAxeViolations(page);
    await screenshot(page, 'imports-preview');

    await page.getByRole('button', { name: 'Spara valen som mall' }).click();
    await expect(page.getByText('Mallen ”Värnamohem EST” är sparad.')).toBeVisible();

    await page.getByRole('button', { name: 'Importera', exact: true }).click();
    await expect(page.getByRole('heading', { name: 'Resultat: vecka-41.csv' })).toBeVisible({ timeout: 20_000 });
    const counts = page.locator('dl.counts');
    await expect(valueOf(counts, 'Rader i filen')).toHaveText('5');
    await expect(valueOf(counts, 'Importerade')).toHaveText('4');
    await expect(valueOf(counts, 'Med fel')).toHaveText('1');
    await expect(page.getByText('Hundbajs (1)')).toBeVisible();
    await expect(page.getByRole('region', { name: 'Fel per rad' })).toContainText('Datum');
    await expectNoAxeViolations(page);
    await screenshot(page, 'imports-result');

    // The past imports list has it; its own page lists the row errors and can undo it.
    await expect(page.getByRole('heading', { name: 'vecka-41.csv', exact: true })).toBeVisible();
    await page.getByRole('link', { name: 'Visa importen vecka-41.csv' }).first().click();
    await page.waitForURL(/\/staff\/imports\/[0-9a-f-]{36}$/);
    await expect(page.locator('h1')).toHaveText('vecka-41.csv');
    await expect(page.getByRole('region', { name: 'Fel per rad' })).toContainText('Datumet eller klockslaget finns inte');
    await expectNoAxeViolations(page);
    await screenshot(page, 'imports-detail');

    // Map the unmapped type; the rows already imported move with it.
    await page.goto(`${baseUrl}/staff/imports/mappings`);
    await page.getByLabel('Kategori för Hundbajs').selectOption('littering');
    await page.getByRole('button', { name: 'Spara kategorin för Hundbajs' }).click();
    await expect(page.getByRole('status')).toContainText('Hundbajs → Nedskräpning. Rader som bytte kategori: 1.');
    await expectNoAxeViolations(page);
    await screenshot(page, 'imports-mappings');
  });

  it('a feed that yields nothing says so first, as an alert', async () => {
    const page = await coordinatorPage();
    await page.goto(`${baseUrl}/staff/imports`, { waitUntil: 'networkidle' });
    // Today's feed form: the county and its centre, the municipality (far from the demo's) in the name.
    const feed = [
      {
        id: 1,
        datetime: '2026-02-11 20:40:00 +01:00',
        name: '11 februari 20.25, Trafikolycka, singel, Kiruna',
        summary: 'Singelolycka på E10.',
        type: 'Trafikolycka',
        location: { name: 'Norrbottens län', gps: '66.830922,20.399197' },
      },
    ];
    const buffer = Buffer.from(JSON.stringify(feed));
    await page.getByLabel('Fil', { exact: true }).setInputFiles({ name: 'handelser.json', mimeType: 'application/json', buffer });
    await page.getByRole('button', { name: 'Förhandsgranska' }).click();
    await expect(page.getByRole('heading', { name: 'Så läses filen' })).toBeVisible();
    await page.getByRole('button', { name: 'Importera', exact: true }).click();
    await expect(page.getByRole('heading', { name: 'Resultat: handelser.json' })).toBeVisible({ timeout: 20_000 });
    await expect(page.getByRole('alert')).toContainText('Inget importerades: 1 rader lästes men ingen behölls.');
    await expect(page.getByText('utanför samverkansområdet')).toBeVisible();
    await expectNoAxeViolations(page);
  });
});
