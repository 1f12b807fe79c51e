import { defineConfig } from 'vitest/config';

// Node-side tests (engine, machines, model-based tests). Component tests under ui/ run in chromium via
// web-test-runner (web-test-runner.config.mjs), never here.
export default defineConfig({
  test: {
    environment: 'node',
    include: ['test/**/*.test.ts'],
    exclude: ['**/node_modules/**', 'ui/**', '.tmp/**'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
  },
});
