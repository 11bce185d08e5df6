import { defineConfig } from 'vitest/config';

// `npm run test:e2e`: suites that meet real Chromium (and, from the sync server on,
// real PostgreSQL). scripts/test-e2e.mjs installs and builds what they need first.
export default defineConfig({
  test: {
    // test/server: the team server's suite against the PostgreSQL that scripts/with-postgres.mjs starts.
    include: ['test/e2e/**/*.e2e.test.ts', 'test/server/**/*.e2e.test.ts'],
    globalSetup: ['test/e2e/globalSetup.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
});
