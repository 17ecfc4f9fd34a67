import { readFileSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { expect } from './support/expect';
import { expectNoAxeViolations, launch, phonePage, screenshot } from './support/browser';

import { baseUrl, missing } from './support/file-server';
import { logIn } from './support/login';
let browser: Browser;

describe.skipIf(missing)(`citizen pledges${missing ? ` (skipped: ${missing})` : ''}`, () => {
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => browser?.close());

  it('an official drafts a pledge from the demo snapshot, adds an activity and exports it to Word', async () => {
    const page = await phonePage(browser);
    await logIn(page, 'ordforande@demo.lagesbild.se', '/staff/pledges');
    // The demo has last period's signed pledge and next year's draft.
    await expect(page.locator('ul.pledges > li')).toHaveCount(2);
    await expectNoAxeViolations(page);
    await screenshot(page, 'pledges-1-list');

    const snapshot = page.getByLabel('Lägesbild att utgå från');
    const demo = await snapshot.locator('option', { hasText: /^Lägesbild inför medborgarlöftet \(/ }).getAttribute('value');
    await snapshot.selectOption(demo);
    await page.getByRole('button', { name: 'Välj problem' }).click();
    await page.waitForURL((url) => url.pathname === '/staff/pledges/new' && url.searchParams.get('snapshot') === demo);
    // The top three problems are chosen to begin with.
    await expect(page.locator('input[name="categories"]:checked')).toHaveCount(3);
    await page.getByLabel('Rubrik (frivillig)').fill('Tryggare Värnamo – e2e');
    await expectNoAxeViolations(page);
    await screenshot(page, 'pledges-2-choose-problems');
    await page.getByRole('button', { name: 'Skapa utkastet' }).click();
    await page.waitForURL(/\/staff\/pledges\/[0-9a-f-]{36}$/);
    await expect(page.locator('h1')).toHaveText('Tryggare Värnamo – e2e');
    await expect(page.locator('#background')).toHaveValue(
      /^Medborgarlöftet för \d{4} utgår från lägesbilden ”Lägesbild inför medborgarlöftet”/,
    );

    const what = 'Trygghetsrundor vid resecentrum varje fredag';
    await page.locator('#activity-new-what').fill(what);
    await page.locator('#activity-new-what').locator('xpath=ancestor::form').getByLabel('Polisen').check();
    await page.locator('#activity-new-who-name').fill('Lokalpolisområde Värnamo');
    await page.locator('#activity-new-places').fill('Värnamo resecentrum');
    await page.locator('#activity-new-when').fill('Fredagar kl. 20–01');
    await page.locator('#activity-new-indicator').fill('Antal rundor');
    await page.locator('#activity-new-target').fill('40 rundor');
    await page.getByRole('button', { name: 'Lägg till en aktivitet' }).click();
    await expect(page.locator('ol.activities > li h3')).toHaveText([what]);
    await expect(page.locator('#activity-new-what')).toHaveValue('');

    // The demo's safety walk suggested actions: one is taken up, its fields filled in from the walk.
    const lighting = 'Ny belysning längs gångvägen genom Stadsparken';
    await page.locator('.walk-actions li', { hasText: lighting }).getByRole('link', { name: 'Ta upp som aktivitet' }).click();
    await expect(page.locator('#activity-new-what')).toHaveValue(lighting);
    expect(await page.locator('#activity-new-who-name').inputValue()).toBe('Gatuavdelningen');
    expect(await page.locator('#activity-new-places').inputValue()).toMatch(/^Kvällsvandring i centrum \(\d{4}-\d{2}-\d{2}\)$/);
    await expectNoAxeViolations(page);
    await screenshot(page, 'pledges-3-from-walk');
    await page.locator('#activity-new-when').fill('Före vintern');
    await page.locator('#activity-new-indicator').fill('Andel som känner sig trygga i parken');
    await page.locator('#activity-new-target').fill('Belysning på plats');
    await page.getByRole('button', { name: 'Lägg till en aktivitet' }).click();
    await expect(page.locator('ol.activities > li h3')).toHaveText([what, lighting]);
    await expectNoAxeViolations(page);
    await screenshot(page, 'pledges-3-draft');
    await page.locator('ol.activities > li').first().scrollIntoViewIfNeeded();
    await screenshot(page, 'pledges-4-activity-viewport', { fullPage: false });

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Ladda ner som Word' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^tryggare-varnamo-e2e-v1\.docx$/);
    const file = readFileSync(await download.path());
    expect(file.subarray(0, 2).toString('latin1')).toBe('PK');
    expect(file.length).toBeGreaterThan(10_000);
  });

  it('a coordinator takes up a walk action in the demo draft, and the walk action is adopted', async () => {
    const page = await phonePage(browser);
    await logIn(page, 'samordnare@demo.lagesbild.se', '/staff/pledges');
    await page.locator('ul.pledges > li', { hasText: 'Utkast' }).filter({ hasNotText: 'e2e' }).getByRole('link').first().click();
    await page.waitForURL(/\/staff\/pledges\/[0-9a-f-]{36}$/);
    const rounds = 'Trygghetsrundor vid resecentrum fredagar och lördagar';
    await page.locator('.walk-actions li', { hasText: rounds }).getByRole('link', { name: 'Ta upp som aktivitet' }).click();
    await expect(page.locator('#activity-new-what')).toHaveValue(rounds);
    expect(await page.locator('#activity-new-what').locator('xpath=ancestor::form').getByLabel('Polisen').isChecked()).toBe(true);
    await page.locator('#activity-new-when').fill('Fredagar och lördagar kl. 20–01');
    await page.locator('#activity-new-indicator').fill('Antal rundor');
    await page.locator('#activity-new-target').fill('80 rundor');
    await page.getByRole('button', { name: 'Lägg till en aktivitet' }).click();
    await expect(page.locator('ol.activities > li h3')).toContainText([rounds]);
    // Adopted: no longer among the open suggestions, here or on a fresh load.
    await expect(page.locator('.walk-actions li', { hasText: rounds })).toHaveCount(0);
    await page.reload();
    expect(await page.locator('.walk-actions li', { hasText: rounds }).count()).toBe(0);
  });

  it('residents read the signed pledge and its follow-up on a phone, in Swedish and in English', async () => {
    const page = await phonePage(browser);
    await page.goto(`${baseUrl}/p/varnamo`);
    await expect(page.locator('h1')).toHaveText('Medborgarlöften i Värnamo');
    await expect(page.locator('article.pledge')).toHaveCount(1);
    await expect(page.locator('ol.activities > li')).toHaveCount(3);
    await expect(page.getByText('Vad säger invånarna?')).toBeVisible();
    expect(await page.locator('.status').first().textContent()).toMatch(/(Pågår|Genomförd) \(\d+ \w+ \d{4}\)/);
    await expectNoAxeViolations(page);
    await screenshot(page, 'pledges-public-sv');
    await screenshot(page, 'pledges-public-sv-viewport', { fullPage: false });
    await page.getByRole('heading', { name: 'Vad säger invånarna?' }).scrollIntoViewIfNeeded();
    await screenshot(page, 'pledges-public-sv-results-viewport', { fullPage: false });

    const english = await phonePage(browser, 'en-GB');
    await english.goto(`${baseUrl}/p/varnamo`);
    await expect(english.locator('h1')).toHaveText('Citizen pledges in Värnamo');
    await expect(english.getByText('What do residents say?')).toBeVisible();
    expect(await english.locator('ol.activities h4').first().getAttribute('lang')).toBe('sv');
    await expectNoAxeViolations(english);
    await screenshot(english, 'pledges-public-en');
  });
});
