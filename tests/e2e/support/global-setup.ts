import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';
import { CHROMIUM } from './browser';
import { startServer } from './server';

declare module 'vitest' {
  export interface ProvidedContext {
    demoTemplateDir: string;
    chromiumMissing: string | undefined;
  }
}

const root = fileURLToPath(new URL('../../..', import.meta.url));

/**
 * Builds the web app if needed and seeds the demo once into a template database directory
 * (by starting and stopping the real server on it). Each test file then runs its own server
 * on a copy (`./file-server.ts`). Without Chromium the tests skip locally with a clear message;
 * in CI (CI=true) its absence is a failure.
 */
export default async function setup(project: TestProject): Promise<() => void> {
  const chromiumMissing = existsSync(CHROMIUM) ? undefined : `Chromium not found at ${CHROMIUM} (apt-get install -y chromium)`;
  if (chromiumMissing && process.env.CI) throw new Error(chromiumMissing);
  project.provide('chromiumMissing', chromiumMissing);

  execFileSync('node', ['scripts/ensure-built.mjs'], { cwd: root, stdio: 'inherit' });
  const templateDir = mkdtempSync(join(tmpdir(), 'lagesbild-e2e-demo-'));
  const seeding = await startServer(templateDir);
  await seeding.stop();
  project.provide('demoTemplateDir', templateDir);

  return () => rmSync(templateDir, { recursive: true, force: true });
}
