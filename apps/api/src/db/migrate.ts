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
  await tuneJobQueueVacuum(pool);
}

/**
 * The job table is a queue: every job is inserted, locked and deleted once, so dead tuples pile up
 * at the head of its `is_available` index, which each fetch walks over until autovacuum runs
 * (measured: a batch fetch went from ~1 ms to ~50 ms while draining a 100k backlog). Vacuum it
 * after every few thousand changes instead of after 20 % of the table. Idempotent; storage
 * parameters only, so graphile-worker's own migrations are unaffected.
 */
async function tuneJobQueueVacuum(pool: pg.Pool): Promise<void> {
  const { rows } = await pool.query<{ tuned: boolean }>(
    `SELECT coalesce('autovacuum_vacuum_threshold=5000' = ANY(reloptions), false) AS tuned
     FROM pg_class WHERE oid = 'graphile_worker._private_jobs'::regclass`,
  );
  if (rows[0]?.tuned) return;
  await pool.query(`ALTER TABLE graphile_worker._private_jobs SET (
    autovacuum_vacuum_scale_factor = 0, autovacuum_vacuum_threshold = 5000,
    autovacuum_vacuum_insert_scale_factor = 0, autovacuum_vacuum_insert_threshold = 20000,
    autovacuum_vacuum_cost_delay = 0)`);
}
