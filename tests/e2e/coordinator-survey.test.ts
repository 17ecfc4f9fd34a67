import { randomUUID } from 'node:crypto';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { expect } from './support/expect';
import { expectNoAxeViolations, launch, phonePage, screenshot } from './support/browser';

import { baseUrl, missing } from './support/file-server';
import { logIn } from './support/login';
let browser: Browser;

const COMMENT = 'Mörkt vid tunneln på kvällen. Ring mig på 070-123 45 67 så berättar jag mer.';

describe.skipIf(missing)(`coordinator survey pages on a phone${missing ? ` (skipped: ${missing})` : ''}`, () => {
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => browser?.close());

  it('creates a campaign for the demo survey, prints its poster with the QR code and moderates a comment', async () => {
    // The demo has no comment waiting: a resident sends one, as a phone would.
    const sent = await fetch(`${baseUrl}/api/public/campaigns/demo/responses`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': randomUUID() },
      body: JSON.stringify({
        locale: 'sv',
        answers: {},
        pins: [{ lat: 57.1835, lon: 14.0355, category: 'lighting', times: ['evening'], comment: COMMENT }],
      }),
    });
    expect(sent.status).toBe(201);

    const page = await phonePage(browser);
    await logIn(page, 'samordnare@demo.lagesbild.se');

    // Surveys and campaigns.
    await page.getByRole('link', { name: 'Enkäter' }).click();
    await page.waitForURL(`${baseUrl}/staff/surveys`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Enkäter');
    await expectNoAxeViolations(page);
    await screenshot(page, 'coordinator-1-surveys');

    // The builder of the demo survey (published: a change would make version 2).
    await page.getByRole('link', { name: 'Trygghetsundersökning' }).click();
    await expect(page.getByText('Den här versionen är publicerad')).toBeVisible();
    await page.getByText('Redigera frågan').first().click();
    await expectNoAxeViolations(page);
    await screenshot(page, 'coordinator-2-builder');

    // A new campaign for the demo survey.
    await page.goto(`${baseUrl}/staff/surveys`);
    await page.getByRole('link', { name: 'Ny kampanj' }).click();
    await page.waitForURL(`${baseUrl}/staff/campaigns/new`);
    const slug = `kvall-${randomUUID().slice(0, 6)}`;
    await page.getByLabel('Rubrik på svenska').fill('Trygg på kvällen i centrum');
    await page.getByLabel('Rubrik på engelska').fill('Safe in the evening in the centre');
    await page.getByLabel('Länk', { exact: true }).fill(slug);
    await expectNoAxeViolations(page);
    await screenshot(page, 'coordinator-3-new-campaign');
    await page.getByRole('button', { name: 'Skapa kampanjen' }).click();
    await page.waitForURL(/\/staff\/campaigns\/[0-9a-f-]{36}\?created/);
    await expect(page.getByRole('status').first()).toContainText('Kampanjen är skapad');
    await expect(page.getByText(`/s/${slug}`, { exact: false }).first()).toBeVisible();
    await expectNoAxeViolations(page);
    await screenshot(page, 'coordinator-4-campaign');

    // The poster: the QR code is an image that loaded, and the page prints on one A4 sheet.
    await page.getByRole('link', { name: 'Affisch att skriva ut' }).click();
    await page.waitForURL(/\/poster$/);
    const qr = page.getByRole('img', { name: /QR-kod till/ });
    await expect.poll(() => qr.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
    await expect(page.getByText(`/s/${slug}`)).toBeVisible();
    await expectNoAxeViolations(page);
    await screenshot(page, 'coordinator-5-poster');
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('nav.staff-nav').isVisible()).toBe(false);
    await screenshot(page, 'coordinator-5-poster-print');
    // Printed (print styles, A4): everything on one sheet.
    const pdf = await page.pdf({ format: 'A4', printBackground: true });
    const sheets = pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? [];
    expect(sheets).toHaveLength(1);
    await page.emulateMedia({ media: null });

    // The public link works for residents.
    const publicCampaign = await fetch(`${baseUrl}/api/public/campaigns/${slug}`);
    expect((await publicCampaign.json()).title).toBe('Trygg på kvällen i centrum');

    // Moderation: the comment waits, the phone number is marked, and it is redacted.
    await page.goto(`${baseUrl}/staff`);
    await page.getByRole('link', { name: 'Moderering' }).click();
    await page.waitForURL(`${baseUrl}/staff/moderation`);
    const item = page.locator('li.item', { hasText: 'Mörkt vid tunneln' });
    await expect(item).toBeVisible();
    await expect(item.locator('mark').first()).toContainText('070-123 45 67');
    const suggestion = await item.getByLabel('Text som får visas').inputValue();
    expect(suggestion).toBe('Mörkt vid tunneln på kvällen. Ring mig på […] så berättar jag mer.');
    await expectNoAxeViolations(page);
    await item.scrollIntoViewIfNeeded();
    await screenshot(page, 'coordinator-6-moderation');
    await item.getByRole('button', { name: 'Spara maskerad text' }).click();
    await expect(page.getByRole('status').first()).toContainText('Den maskerade texten är sparad');
    expect(await page.locator('li.item', { hasText: 'Mörkt vid tunneln' }).count()).toBe(0);

    await page.getByRole('link', { name: /^Maskerade/ }).click();
    await page.waitForURL(/status=redacted/);
    await expect(page.getByText('Ring mig på […] så berättar')).toBeVisible();
    await expectNoAxeViolations(page);
    await screenshot(page, 'coordinator-7-redacted');

    // Named places and paper entry render and pass axe too.
    await page.goto(`${baseUrl}/staff/places`);
    await page.locator('.map[data-ready]').waitFor();
    await expectNoAxeViolations(page);
    await screenshot(page, 'coordinator-8-places');
    await page.goto(`${baseUrl}/staff/surveys`);
    await page.getByRole('link', { name: 'Mata in pappersenkät' }).first().click();
    await page.waitForURL(/\/paper$/);
    await expectNoAxeViolations(page);
    await page
      .getByRole('group', { name: /Hur trygg känner du dig/ })
      .getByLabel('Ganska otrygg')
      .check();
    const firstPlace = page.getByRole('group', { name: 'Plats 1' });
    await firstPlace.getByLabel('Vad gör platsen otrygg?').selectOption('lighting');
    await firstPlace.getByLabel('Namngiven plats').selectOption({ label: 'Stadsparken' });
    await firstPlace.getByLabel('Kväll').check();
    await page.getByRole('button', { name: 'Spara svaret' }).click();
    await expect(page.getByRole('status').first()).toContainText('Sparat');
    // The form is blank again for the next paper, with a new key.
    expect(
      await page
        .getByRole('group', { name: /Hur trygg känner du dig/ })
        .getByLabel('Ganska otrygg')
        .isChecked(),
    ).toBe(false);
    await screenshot(page, 'coordinator-9-paper');
  }, 180_000);
});
