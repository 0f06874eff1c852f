import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { inject } from 'vitest';
import { createPool } from '../db/pool';

let shared: pg.Pool | undefined;

/** URL of this run's fresh, migrated test database (created by the API's vitest global setup). */
export function testDatabaseUrl(): string {
  return inject('testDatabaseUrl');
}

/** A pg Pool on the test database, shared within a test file; close it with {@link closeTestPool}. */
export function getTestPool(): pg.Pool {
  shared ??= createPool({ connectionString: testDatabaseUrl(), max: 8 });
  return shared;
}

/** Ends the shared pool (call in `afterAll`). */
export async function closeTestPool(): Promise<void> {
  await shared?.end();
  shared = undefined;
}

/** Creates an empty store with a unique id, so tests never see each other's rows. */
export async function createTestStore(pool: pg.Pool = getTestPool(), prefix = 'test'): Promise<string> {
  const id = `${prefix}-${randomUUID().slice(0, 8)}`;
  await pool.query('INSERT INTO stores (id, name) VALUES ($1, $2)', [id, `Test store ${id}`]);
  return id;
}

/** Polls `probe` until it returns a non-undefined value, or throws after `timeoutMs`. */
export async function waitFor<T>(
  probe: () => Promise<T | undefined>,
  timeoutMs = 20_000,
  everyMs = 25,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`waitFor: condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}
