import { defineConfig } from 'vitest/config';

// `npm test`: everything that needs no system package. Suites that need Chromium
// or PostgreSQL live under test/e2e and run with `npm run test:e2e`; test/faults runs with
// `npm run test:faults`.
export default defineConfig({
  test: {
    include: ['test/**/*.test.{ts,tsx}'],
    exclude: ['test/e2e/**', 'test/faults/**', 'node_modules/**'],
    environment: 'node',
    testTimeout: 20_000,
    setupFiles: ['test/support/fastCheck.ts'],
  },
});
