import { defineConfig } from 'vitest/config';

// Browser tests: one built server with demo data (started in global setup) and Debian's Chromium.
export default defineConfig({
  test: {
    // CI sets LAGESBILD_TEST_REPORT to a path and sums the JSON reports into one closing line.
    reporters: process.env.LAGESBILD_TEST_REPORT ? ['default', 'json'] : ['default'],
    outputFile: process.env.LAGESBILD_TEST_REPORT ? { json: process.env.LAGESBILD_TEST_REPORT } : {},
    include: ['tests/e2e/**/*.test.ts'],
    globalSetup: ['tests/e2e/support/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 180_000,
    pool: 'forks',
    maxWorkers: 1,
    fileParallelism: false,
  },
});
