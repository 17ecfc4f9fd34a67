import { afterAll, inject } from 'vitest';
import { startIsolatedServer } from './server';

/**
 * Imported by every browser test file: starts that file's own server on a copy of the seeded
 * demo before the file's tests are collected, and stops it after them.
 */
const missing = inject('chromiumMissing');
const server = missing ? undefined : await startIsolatedServer(inject('demoTemplateDir'));
afterAll(async () => server?.stop());

export const baseUrl = server?.baseUrl ?? 'http://127.0.0.1:9';
export { missing };
