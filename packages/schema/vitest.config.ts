import { defineConfig } from 'vitest/config';

export default defineConfig({ test: { name: 'packages/schema', include: ['src/**/*.test.ts'] } });
