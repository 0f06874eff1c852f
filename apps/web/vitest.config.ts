import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

/** Web unit tests: jsdom, tests beside the code. */
export default defineConfig({
  plugins: [react()],
  test: {
    name: 'apps/web',
    environment: 'jsdom',
    include: ['src/**/*.test.{ts,tsx}'],
    setupFiles: ['./src/test-setup.ts'],
  },
});
