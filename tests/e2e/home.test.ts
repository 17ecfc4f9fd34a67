import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { expect } from './support/expect';
import { expectNoAxeViolations, launch, phonePage, screenshot } from './support/browser';

import { baseUrl, missing } from './support/file-server';
let browser: Browser;

describe.skipIf(missing)(`home page on a phone${missing ? ` (skipped: ${missing})` : ''}`, () => {
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => browser?.close());

  it('renders at 390×844 in Swedish with no axe violations, and switches to English', async () => {
    const page = await phonePage(browser);
    await page.goto(baseUrl);
    await expect(page.locator('h1')).toHaveText('Lägesbild');
    expect(await page.getAttribute('html', 'lang')).toBe('sv');
    const width = await page.evaluate('document.documentElement.scrollWidth');
    expect(width).toBeLessThanOrEqual(390);
    await expectNoAxeViolations(page);
    await screenshot(page, 'home-sv');

    await page.getByRole('button', { name: 'In English' }).click();
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await expect(page.getByRole('heading', { name: 'For residents' })).toBeVisible();
    await screenshot(page, 'home-en');
  });

  it('serves static assets with nosniff', async () => {
    const res = await fetch(`${baseUrl}/favicon.svg`);
    expect(res.status).toBe(200);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('the API answers on the same port', async () => {
    const res = await fetch(`${baseUrl}/api/health`);
    expect(await res.json()).toEqual({ status: 'ok', database: 'pglite' });
  });
});
