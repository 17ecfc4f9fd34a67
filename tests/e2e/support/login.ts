import type { Page } from 'playwright-core';
import { DEMO_STAFF_PASSWORD } from '../../../server/src/features/demo/demo-staff';
import { baseUrl } from './file-server';

/**
 * Logs a demo staff member in through the login form and waits until the app has sent them on to
 * `next` (the staff home unless the test starts elsewhere).
 */
export async function logIn(page: Page, email: string, next = '/staff'): Promise<void> {
  // Typing before the page has hydrated can be lost: wait until it is quiet.
  await page.goto(`${baseUrl}/login${next === '/staff' ? '' : `?next=${next}`}`, { waitUntil: 'networkidle' });
  await page.getByLabel('E-postadress').fill(email);
  await page.getByLabel('Lösenord').fill(DEMO_STAFF_PASSWORD);
  await page.getByRole('button', { name: 'Logga in' }).click();
  // Only that the login went through and the page is there; its images and late requests are each
  // test's own business. The staff home loads the evidence overview, which on a busy machine (hot-spot
  // workers from an earlier test) can take longer than Playwright's default 30 s.
  await page.waitForURL(`${baseUrl}${next}`, { waitUntil: 'domcontentloaded', timeout: 90_000 });
}
