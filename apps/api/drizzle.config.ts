import { defineConfig } from 'drizzle-kit';

/** drizzle-kit: `pnpm --filter @segflow/api db:generate` writes SQL migrations from src/db/schema. */
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/db/schema/index.ts',
  out: './src/db/migrations',
  dbCredentials: { url: process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres' },
});
