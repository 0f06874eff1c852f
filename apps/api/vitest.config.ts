import { defineConfig } from 'vitest/config';

// API tests: integration against a real Postgres; global setup creates (and drops) a fresh database.
export default defineConfig({
  test: {
    name: 'apps/api',
    include: ['src/**/*.test.ts'],
    globalSetup: ['./src/testing/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    maxWorkers: 2,
    // Runs after the pure packages, as its own group (it has its own worker count).
    sequence: { groupOrder: 1 },
  },
});
