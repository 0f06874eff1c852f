import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orderEvent } from '../../testing/test-app';
import { closeTestPool, createTestStore, getTestPool } from '../../testing/test-database';
import { EVENTS_PER_JOB } from '../../worker/apply-event-job';
import { createEventRepository } from './events.repository';

// The inbox statement inside a transaction that is rolled back: workers of other test files share
// this database and would otherwise claim the jobs before they are looked at.
let client: pg.PoolClient;
let storeId: string;

beforeAll(async () => {
  storeId = await createTestStore();
  client = await getTestPool().connect();
});
afterAll(async () => {
  client.release();
  await closeTestPool();
});

async function inRolledBackTransaction<T>(work: () => Promise<T>): Promise<T> {
  await client.query('BEGIN');
  try {
    return await work();
  } finally {
    await client.query('ROLLBACK');
  }
}

/** The `apply_event` jobs enqueued for the store's events, in id order of their first event. */
async function jobsOfStore(): Promise<number[][]> {
  const { rows } = await client.query<{ ids: string[] }>(
    `SELECT j.payload->'ids' AS ids FROM graphile_worker._private_jobs j
     JOIN graphile_worker._private_tasks t ON t.id = j.task_id AND t.identifier = 'apply_event'
     WHERE (j.payload->'ids'->>0)::bigint IN (SELECT id FROM events WHERE store_id = $1)
     ORDER BY (j.payload->'ids'->>0)::bigint`,
    [storeId],
  );
  return rows.map((r) => r.ids.map(Number));
}

async function eventRowIds(): Promise<number[]> {
  const { rows } = await client.query<{ id: string }>(
    'SELECT id FROM events WHERE store_id = $1 ORDER BY id',
    [storeId],
  );
  return rows.map((r) => Number(r.id));
}

describe('the events inbox', () => {
  it('enqueues one job per chunk of events, covering every inserted row once, in order', async () => {
    await inRolledBackTransaction(async () => {
      const repository = createEventRepository(client as unknown as pg.Pool);
      const events = Array.from({ length: 2 * EVENTS_PER_JOB + 6 }, (_, i) => orderEvent(`chunk-${i}`, 1000));
      const inserted = await repository.insert(storeId, events);
      expect(inserted.size).toBe(events.length);
      const jobs = await jobsOfStore();
      expect(jobs.map((ids) => ids.length)).toEqual([EVENTS_PER_JOB, EVENTS_PER_JOB, 6]);
      expect(jobs.flat()).toEqual(await eventRowIds());
    });
  });

  it('enqueues one job for a small statement, and none for duplicates only', async () => {
    await inRolledBackTransaction(async () => {
      const repository = createEventRepository(client as unknown as pg.Pool);
      const events = [orderEvent('one-a', 1000), orderEvent('one-b', 2000)];
      expect((await repository.insert(storeId, events)).size).toBe(2);
      expect(await jobsOfStore()).toEqual([await eventRowIds()]);
      expect((await repository.insert(storeId, events)).size).toBe(0);
      expect(await jobsOfStore()).toHaveLength(1);
    });
  });
});
