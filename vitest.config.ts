import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['packages/*/test/**/*.test.ts', 'apps/*/test/**/*.test.ts'],
    exclude: ['**/node_modules/**'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // Two at a time even on a 2-core machine (vitest's default is cores − 1): many files wait on
    // browsers, child processes and the database rather than the CPU.
    maxWorkers: 2,
    // Builds the `joinery` command once into one file for the tests that start it many times,
    // and one empty embedded database that every in-memory test database starts from.
    globalSetup: ['apps/cli/test/support/global-setup.ts', 'packages/core/test/support/pglite-template.ts'],
  },
});
