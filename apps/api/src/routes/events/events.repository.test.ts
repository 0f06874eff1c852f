import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orderEvent } from '../../testing/test-app';
import { closeTestPool, createTestStore, getTestPool } from '../../testing/test-database';
import { EVENTS_PER_JOB } from '../../worker/apply-event-job';
import { createEventRepository, type InlineHandoff } from './events.repository';
import { applyEventJobsOfStore } from '../../testing/pipeline-probes';

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
const jobsOfStore = () => applyEventJobsOfStore(client, storeId);

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

  it('marks the events an inline handoff takes and enqueues them no job; hands it their row ids', async () => {
    await inRolledBackTransaction(async () => {
      const handed: { reserved: number; ids: number[]; events: string[] }[] = [];
      let room = true;
      const inline: InlineHandoff = {
        reserve: () => room,
        hand: (reserved, events) => {
          handed.push({
            reserved,
            ids: events.map((e) => e.rowId),
            events: events.map((e) => `${e.storeId}/${e.event.id}@${e.depth} ${e.timeZone}`),
          });
        },
      };
      const repository = createEventRepository(client as unknown as pg.Pool, inline);
      const taken = [orderEvent('inline-a', 1000), orderEvent('inline-b', 2000)];
      await repository.insert(storeId, taken, 2);
      room = false;
      await repository.insert(storeId, [orderEvent('inline-c', 3000)]);
      const rowIds = await eventRowIds();
      // Only the event the handoff had no room for has a job (due now).
      expect(await jobsOfStore()).toEqual([rowIds.slice(2)]);
      const { rows: marks } = await client.query<{ inline: boolean }>(
        'SELECT inline FROM events WHERE store_id = $1 ORDER BY id',
        [storeId],
      );
      expect(marks.map((r) => r.inline)).toEqual([true, true, false]);
      const { rows: store } = await client.query('SELECT time_zone FROM stores WHERE id = $1', [storeId]);
      expect(handed).toEqual([
        {
          reserved: 2,
          ids: rowIds.slice(0, 2),
          events: taken.map((e) => `${storeId}/${e.id}@2 ${store[0].time_zone}`),
        },
      ]);
    });
  });
});
