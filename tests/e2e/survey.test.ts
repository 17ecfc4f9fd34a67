import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { expect } from './support/expect';
import { expectNoAxeViolations, launch, phonePage, screenshot } from './support/browser';

import { baseUrl, missing } from './support/file-server';
import { must } from '@lagesbild/shared';
let browser: Browser;

/** Presses Tab until the element has focus: how a keyboard user gets there. */
async function tabTo(page: Page, target: Locator, limit = 60): Promise<void> {
  const handle = await target.elementHandle();
  for (let i = 0; i < limit; i++) {
    if (await page.evaluate((el) => el === document.activeElement, handle)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`could not reach ${target.toString()} with Tab`);
}

function submissions(page: Page): { status: number; body: { pins: unknown[]; answers: Record<string, unknown> } }[] {
  const seen: { status: number; body: { pins: unknown[]; answers: Record<string, unknown> } }[] = [];
  page.on('response', (res) => {
    if (res.request().method() === 'POST' && res.url().includes('/api/public/campaigns/demo/responses')) {
      seen.push({ status: res.status(), body: JSON.parse(res.request().postData() ?? '{}') });
    }
  });
  return seen;
}

describe.skipIf(missing)(`resident survey on a phone${missing ? ` (skipped: ${missing})` : ''}`, () => {
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => browser?.close());

  it('Swedish, with two pins on the map', async () => {
    const page = await phonePage(browser);
    const sent = submissions(page);
    await page.goto(`${baseUrl}/s/demo`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Hur trygg känner du dig i Värnamo?');
    await expectNoAxeViolations(page);
    await screenshot(page, 'survey-sv-1-intro');
    await page.getByRole('button', { name: 'Börja' }).click();

    await expect(page.getByText('Fråga 1 av')).toBeVisible();
    await page.getByLabel('Ganska otrygg').check();
    await expectNoAxeViolations(page);
    await screenshot(page, 'survey-sv-2-question');
    await page.getByRole('button', { name: 'Nästa' }).click();

    // Skip forward to the map question, answering one matrix row on the way.
    for (let i = 0; i < 8; i++) {
      if (await page.getByRole('button', { name: '+ Lägg till en plats' }).isVisible()) break;
      const drugsBig = page.getByRole('group', { name: 'Narkotika' }).getByLabel('Stort problem', { exact: true });
      if (await drugsBig.isVisible()) await drugsBig.check();
      await page.getByRole('button', { name: /Nästa|Hoppa över/ }).click();
    }
    for (const [dx, dy, category] of [
      [-40, -30, 'lighting'],
      [50, 40, 'drugs'],
    ] as const) {
      await page.getByRole('button', { name: '+ Lägg till en plats' }).click();
      await page.locator('.map[data-ready]').waitFor();
      const map = page.locator('.maplibregl-canvas');
      await map.scrollIntoViewIfNeeded();
      const box = must(await map.boundingBox(), 'the map box');
      await page.mouse.click(box.x + box.width / 2 + dx, box.y + box.height / 2 + dy);
      await expect(page.locator('.hint', { hasText: 'Platsen är markerad.' })).toBeVisible();
      await page.getByLabel('Vad gör platsen otrygg?').selectOption(category);
      await page.getByLabel('Kväll').check();
      await screenshot(page, `survey-sv-3-pin-${category}`);
      await page.getByRole('button', { name: 'Spara platsen' }).click();
    }
    await expect(page.getByText('Plats 2:')).toBeVisible();
    await expectNoAxeViolations(page);
    await screenshot(page, 'survey-sv-4-pins');

    while (!(await page.getByRole('heading', { name: 'Kontrollera dina svar' }).isVisible())) {
      await page.getByRole('button', { name: /Nästa|Hoppa över/ }).click();
    }
    await expectNoAxeViolations(page);
    await screenshot(page, 'survey-sv-5-review');
    await page.getByRole('button', { name: 'Skicka in' }).click();
    await expect(page.getByRole('heading', { name: 'Tack för ditt svar!' })).toBeVisible();
    await expectNoAxeViolations(page);
    await screenshot(page, 'survey-sv-6-thanks');

    expect(sent.map((s) => s.status)).toEqual([201]);
    expect(sent[0]?.body.pins).toHaveLength(2);
    expect(sent[0]?.body.answers).toMatchObject({ safety_evening: 'fairly_unsafe', problems: { drugs: 'big' } });
  });

  it('public results say up to which day they count, and one more answer does not move them', async () => {
    const page = await phonePage(browser);
    await page.goto(`${baseUrl}/s/demo/results`);
    await expect(page.getByText(/^Svar till och med \d+ \p{L}+ \d{4}\./u)).toBeVisible();
    const before = await page.locator('main').innerText();
    const answer = await fetch(`${baseUrl}/api/public/campaigns/demo/responses`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: baseUrl, 'idempotency-key': crypto.randomUUID() },
      body: JSON.stringify({ locale: 'sv', answers: { safety_evening: 'very_unsafe' }, pins: [] }),
    });
    expect(answer.status).toBe(201);
    await page.reload();
    expect(await page.locator('main').innerText()).toBe(before);
    await expectNoAxeViolations(page);
    await screenshot(page, 'survey-results');
  });

  it('tells a refusal in Swedish, keeps the answers, and stays on the review', async () => {
    const page = await phonePage(browser);
    // The survey closes while the resident answers: the API refuses (410) in English for integrators.
    await page.route('**/api/public/campaigns/demo/responses', (route) =>
      route.fulfill({
        status: 410,
        contentType: 'application/json',
        body: JSON.stringify({ error: 'CAMPAIGN_CLOSED', message: 'the survey has closed; thank you for wanting to answer' }),
      }),
    );
    await page.goto(`${baseUrl}/s/demo`, { waitUntil: 'networkidle' });
    await page.getByRole('button', { name: 'Börja' }).click();
    await page.getByLabel('Mycket trygg').check();
    for (let i = 0; i < 20 && !(await page.getByRole('button', { name: 'Skicka in' }).isVisible()); i++) {
      await page.getByRole('button', { name: /Nästa|Hoppa över/ }).click();
    }
    await page.getByRole('button', { name: 'Skicka in' }).click();
    await expect(page.getByRole('alert')).toHaveText('Svaret kunde inte tas emot: enkäten har stängt. Tack för att du ville svara!');
    expect(await page.getByRole('button', { name: 'Skicka in' }).isVisible()).toBe(true);
    expect(await page.getByText('Mycket trygg').isVisible()).toBe(true);
    await expectNoAxeViolations(page);
    await screenshot(page, 'survey-sv-refused');
  });

  it('English, by keyboard only, with the non-map alternative', async () => {
    const page = await phonePage(browser, 'en-GB');
    const sent = submissions(page);
    await page.goto(`${baseUrl}/s/demo`);
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await tabTo(page, page.getByRole('button', { name: 'Start' }));
    await page.keyboard.press('Enter');

    // Question 1: a radio group; arrow keys choose within it.
    await tabTo(page, page.getByLabel('Very safe', { exact: true }));
    await page.keyboard.press('ArrowDown');
    expect(await page.getByLabel('Fairly safe').isChecked()).toBe(true);
    await screenshot(page, 'survey-en-1-keyboard');
    await page.keyboard.press('Enter');

    for (let i = 0; i < 8 && !(await page.getByRole('button', { name: '+ Add a place' }).isVisible()); i++) {
      await tabTo(page, page.getByRole('button', { name: /Next|Skip/ }));
      await page.keyboard.press('Enter');
    }
    await tabTo(page, page.getByRole('button', { name: '+ Add a place' }));
    await page.keyboard.press('Enter');
    await tabTo(page, page.getByRole('button', { name: 'Choose or describe in words' }));
    await page.keyboard.press('Enter');
    await tabTo(page, page.getByLabel('Choose a place'));
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await tabTo(page, page.getByLabel('What makes the place feel unsafe?'));
    await page.keyboard.press('ArrowDown');
    await tabTo(page, page.getByLabel('Night'));
    await page.keyboard.press('Space');
    await expectNoAxeViolations(page);
    await screenshot(page, 'survey-en-2-place-list');
    await tabTo(page, page.getByRole('button', { name: 'Save the place' }));
    await page.keyboard.press('Enter');
    await expect(page.getByText('Place 1:')).toBeVisible();

    while (!(await page.getByRole('heading', { name: 'Check your answers' }).isVisible())) {
      await tabTo(page, page.getByRole('button', { name: /Next|Skip/ }));
      await page.keyboard.press('Enter');
    }
    await screenshot(page, 'survey-en-3-review');
    await tabTo(page, page.getByRole('button', { name: 'Send' }));
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { name: 'Thank you for your answer!' })).toBeVisible();
    await screenshot(page, 'survey-en-4-thanks');
    expect(sent.map((s) => s.status)).toEqual([201]);
    const pin = must(sent[0], 'the submission').body.pins[0] as Record<string, unknown>;
    expect(pin.placeId).toEqual(expect.any(String));
    expect(pin.lat).toBeUndefined();
    expect(pin.times).toEqual(['night']);
  });

  it('answers offline and syncs exactly once when the network returns', async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: 'sv-SE' });
    const page = await context.newPage();
    const sent = submissions(page);
    await page.goto(`${baseUrl}/s/demo`);
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });
    // Reload once so the service worker controls the page and has stored it.
    await page.reload();
    await expect.poll(() => page.evaluate(() => Boolean(navigator.serviceWorker.controller))).toBe(true);

    await context.setOffline(true);
    await page.reload();
    await page.getByRole('button', { name: 'Börja' }).click();
    await page.getByLabel('Mycket otrygg').check();
    while (!(await page.getByRole('heading', { name: 'Kontrollera dina svar' }).isVisible())) {
      await page.getByRole('button', { name: /Nästa|Hoppa över/ }).click();
    }
    await page.getByRole('button', { name: 'Skicka in' }).click();
    await expect(page.getByText('Svaret är sparat på telefonen')).toBeVisible();
    await screenshot(page, 'survey-offline-1-queued');
    expect(sent.filter((s) => s.status === 201)).toHaveLength(0);

    await context.setOffline(false);
    await expect(page.getByRole('heading', { name: 'Tack för ditt svar!' })).toBeVisible({ timeout: 30_000 });
    await screenshot(page, 'survey-offline-2-synced');
    // Give any stray retry a chance to show itself before counting.
    await page.waitForTimeout(1500);
    expect(sent.filter((s) => s.status === 201)).toHaveLength(1);
    expect(await page.evaluate(() => localStorage.getItem('lagesbild-outbox'))).toBe('[]');
    await context.close();
  });

  it('works at 200 % zoom: no sideways scrolling, every control reachable', async () => {
    // 200 % zoom on a 390 px wide phone leaves 195 CSS pixels; WCAG 1.4.4 and 1.4.10.
    const context = await browser.newContext({
      viewport: { width: 195, height: 422 },
      deviceScaleFactor: 4,
      isMobile: true,
      locale: 'sv-SE',
    });
    const page = await context.newPage();
    await page.goto(`${baseUrl}/s/demo`);
    await page.getByRole('button', { name: 'Börja' }).click();
    for (const step of ['question', 'matrix']) {
      await screenshot(page, `survey-zoom-${step}`);
      const wide = await page.evaluate(() =>
        [...document.querySelectorAll('body *')]
          .filter((el) => el.getBoundingClientRect().right > 196)
          .map((el) => `${el.tagName.toLowerCase()}.${el.className}`),
      );
      expect(wide, step).toEqual([]);
      await page.getByRole('button', { name: /Nästa|Hoppa över/ }).click();
      await page.getByRole('button', { name: /Nästa|Hoppa över/ }).click();
      await page.getByRole('button', { name: /Nästa|Hoppa över/ }).click();
    }
    await context.close();
  });
});
