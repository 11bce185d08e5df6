import { defineConfig } from 'vitest/config';

// `npm run test:faults`: fault injection, the quota property and API fuzzing against the team server
// on the private PostgreSQL that scripts/test-faults.mjs starts (TEST_DATABASE_URL). One file at a
// time: the suites kill servers and count what happened.
export default defineConfig({
  test: {
    include: ['test/faults/**/*.faults.test.ts'],
    globalSetup: ['test/faults/globalSetup.ts'],
    setupFiles: ['test/support/fastCheck.ts'],
    environment: 'node',
    testTimeout: 180_000,
    hookTimeout: 60_000,
    fileParallelism: false,
  },
});
