import { expect as playwrightExpect } from '@playwright/test';

/**
 * Playwright's own web-first assertions (they retry until the page agrees), usable standalone
 * under vitest. The generous timeout is for a busy CI machine, where a page can take seconds to
 * answer; it only bounds waiting, nothing asserts on time.
 */
export const expect = playwrightExpect.configure({ timeout: 20_000 });
