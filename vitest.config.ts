import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // CI sets LAGESBILD_TEST_REPORT to a path and sums the JSON reports into one closing line.
    reporters: process.env.LAGESBILD_TEST_REPORT ? ['default', 'json'] : ['default'],
    outputFile: process.env.LAGESBILD_TEST_REPORT ? { json: process.env.LAGESBILD_TEST_REPORT } : {},
    include: [
      'lint-rules/**/*.test.ts',
      'shared/src/**/*.test.ts',
      'server/src/**/*.test.ts',
      'scripts/**/*.test.ts',
      'tests/api/**/*.test.ts',
    ],
    globalSetup: ['tests/support/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    maxWorkers: 2,
  },
});
