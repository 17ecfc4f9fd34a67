import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { expect } from './support/expect';
import { expectNoAxeViolations, launch, phonePage, screenshot } from './support/browser';

import { missing } from './support/file-server';
import { logIn } from './support/login';
let browser: Browser;

describe.skipIf(missing)(`problem picture${missing ? ` (skipped: ${missing})` : ''}`, () => {
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => browser?.close());

  it('an official reads the ranking, changes the period and opens an explanation', async () => {
    const page = await phonePage(browser);
    await logIn(page, 'ordforande@demo.lagesbild.se', '/staff/problem-picture');
    await expect(page.locator('ol.ranking > li')).toHaveCount(12);
    const first = await page.locator('ol.ranking > li h2').first().textContent();
    expect(await page.locator('.explanation').first().textContent()).toMatch(/^1:a (främst för att|:)/);
    await expectNoAxeViolations(page);
    await screenshot(page, 'problem-picture-1-year');

    // The last six months instead of the last year: the filters go into the URL.
    const to = new Date().toISOString().slice(0, 10);
    const from = new Date(Date.now() - 182 * 86_400_000).toISOString().slice(0, 10);
    await page.getByLabel('Från').fill(from);
    await page.getByRole('button', { name: 'Visa' }).click();
    await page.waitForURL((url) => url.searchParams.get('from') === from);
    expect(page.url()).toContain(`to=${to}`);
    await expect(page.locator('.period')).toContainText(from);

    const item = page.locator('ol.ranking > li').first();
    await item.getByText('Varför?').click();
    await expect(item.getByText('Enkäten')).toBeVisible();
    await expectNoAxeViolations(page);
    await screenshot(page, 'problem-picture-2-half-year-explained');
    await item.scrollIntoViewIfNeeded();
    await screenshot(page, 'problem-picture-3-explanation-viewport', { fullPage: false });
    expect(first).toBeTruthy();
  });
});
