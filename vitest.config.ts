import { defineConfig } from 'vitest/config';

// One vitest run over every package; each package owns its own vitest.config.ts.
export default defineConfig({
  test: {
    projects: ['packages/schema', 'packages/engine', 'apps/api', 'apps/web'],
  },
});
