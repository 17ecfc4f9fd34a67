import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { expect } from './support/expect';
import { DEMO_STAFF_PASSWORD } from '../../server/src/features/demo/demo-staff';
import { expectNoAxeViolations, launch, phonePage, screenshot } from './support/browser';

import { baseUrl, missing } from './support/file-server';
let browser: Browser;

describe.skipIf(missing)(`staff login on a phone${missing ? ` (skipped: ${missing})` : ''}`, () => {
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(async () => browser?.close());

  it('a coordinator logs in, sees the staff home for the role, and logs out', async () => {
    const page = await phonePage(browser);
    await page.goto(`${baseUrl}/login`);
    // Let the page settle (hydration, axe) before acting on it.
    await page.waitForLoadState('networkidle');
    await expectNoAxeViolations(page);
    await page.getByLabel('E-postadress').fill('samordnare@demo.lagesbild.se');
    await page.getByLabel('Lösenord').fill('wrong password here');
    await page.getByRole('button', { name: 'Logga in' }).click();
    await expect(page.getByRole('alert')).toContainText('Fel e-postadress eller lösenord');
    await screenshot(page, 'login-failed');

    await page.getByLabel('Lösenord').fill(DEMO_STAFF_PASSWORD);
    await page.getByRole('button', { name: 'Logga in' }).click();
    await page.waitForURL(`${baseUrl}/staff`);
    await expect(page.locator('h1')).toHaveText('Hej Sara Samordnare');
    await expect(page.getByText('Samordnare · Värnamo kommun')).toBeVisible();
    // Coordinators have no user administration.
    expect(await page.getByRole('link', { name: 'Användare' }).count()).toBe(0);
    await expectNoAxeViolations(page);
    await screenshot(page, 'staff-home-coordinator');

    await page.getByRole('button', { name: 'Logga ut' }).click();
    await page.waitForURL(`${baseUrl}/`);
    await page.goto(`${baseUrl}/staff`);
    await page.waitForURL(/\/login/);
  });

  it('keeps an e-mail address typed before the page has finished loading', async () => {
    const page = await phonePage(browser);
    // Hold the page's scripts back so the typing surely happens before hydration.
    let release!: () => void;
    const scriptsHeld = new Promise<void>((resolve) => (release = resolve));
    await page.route('**/_app/immutable/**', async (route) => {
      await scriptsHeld;
      await route.continue();
    });
    // Module scripts hold DOMContentLoaded back too; the server-rendered form is there before.
    await page.goto(`${baseUrl}/login`, { waitUntil: 'commit' });
    await page.getByLabel('E-postadress').fill('samordnare@demo.lagesbild.se');
    release();
    await page.waitForLoadState('networkidle');
    expect(await page.getByLabel('E-postadress').inputValue()).toBe('samordnare@demo.lagesbild.se');
    await page.getByLabel('Lösenord').fill(DEMO_STAFF_PASSWORD);
    await page.getByRole('button', { name: 'Logga in' }).click();
    await page.waitForURL(`${baseUrl}/staff`);
  });

  it('an admin sees user administration and the audit log, and can invite a colleague', async () => {
    // A failed login on another account, so the users page has a throttle to show and lift.
    const failed = await fetch(`${baseUrl}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: baseUrl },
      body: JSON.stringify({ email: 'polischef@demo.lagesbild.se', password: 'not her password' }),
    });
    expect(failed.status).toBe(401);
    const page = await phonePage(browser);
    await page.goto(`${baseUrl}/login`);
    // Let the page settle (hydration, axe) before acting on it.
    await page.waitForLoadState('networkidle');
    await page.getByLabel('E-postadress').fill('admin@demo.lagesbild.se');
    await page.getByLabel('Lösenord').fill(DEMO_STAFF_PASSWORD);
    await page.getByRole('button', { name: 'Logga in' }).click();
    await page.waitForURL(`${baseUrl}/staff`);
    await page.getByRole('link', { name: 'Användare' }).click();
    await page.waitForURL(`${baseUrl}/staff/users`);
    const throttles = page.getByRole('region', { name: 'Misslyckade inloggningar' });
    const throttle = throttles.getByRole('listitem').filter({ hasText: 'Parisa Polischef' });
    await expect(throttle).toContainText('Misslyckade försök: 1 från 1 klient(er)');
    await screenshot(page, 'staff-users-throttle');
    await throttle.getByRole('button', { name: 'Häv väntetiden' }).click();
    await expect(throttles.getByRole('status')).toContainText('Väntetiden för Parisa Polischef är hävd.');
    await expect(throttle).toHaveCount(0);
    await page.getByLabel('Namn').fill('Nora Ny');
    await page.getByLabel('E-post', { exact: true }).fill('nora.ny@demo.lagesbild.se');
    await page.getByRole('button', { name: 'Bjud in' }).click();
    await expect(page.getByRole('status')).toContainText('/invite/');
    await expectNoAxeViolations(page);
    await screenshot(page, 'staff-users-invited');

    await page.getByRole('link', { name: 'Granskningslogg' }).click();
    await page.waitForURL(`${baseUrl}/staff/audit`);
    await expect(page.getByText('user.invite').first()).toBeVisible();
    await expect(page.getByText('login.throttle_lifted').first()).toBeVisible();
    await expectNoAxeViolations(page);
    await screenshot(page, 'staff-audit');
  });
});
