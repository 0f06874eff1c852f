import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import { Logger, runMigrations } from 'graphile-worker';
import type pg from 'pg';
import { createDb } from './client';

/** Folder holding the committed drizzle-kit SQL migrations. */
export const migrationsFolder = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');

/** graphile-worker logger that stays quiet on info and reports warnings and errors. */
export const quietLogger = new Logger((scope) => (level, message) => {
  if (level === 'error' || level === 'warning') {
    console.error(`[worker:${level}]`, message, scope.taskIdentifier ?? '');
  }
});

/** Applies the app's drizzle migrations, then graphile-worker's own schema. Idempotent. */
export async function migrateDatabase(pool: pg.Pool): Promise<void> {
  await migrate(createDb(pool), { migrationsFolder });
  await runMigrations({ pgPool: pool, logger: quietLogger });
}
