import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isolatedDatabase, orderEvents } from '../reliability/reliability-kit';
import { createEventRepository, type InlineHandoff } from '../routes/events/events.repository';
import { createTestStore } from '../testing/test-database';
import { processEvents } from './process-event';
import { sweepInlineEvents } from './inline-sweep';
import { createPipelineDeps } from './start-worker';
import { applyEventJobsOfStore, withBrokenRouter } from '../testing/pipeline-probes';

// A database of its own: its only transactions are this file's, so the sweep's bound (the oldest
// transaction still writing) is what the tests make it.
let db: Awaited<ReturnType<typeof isolatedDatabase>>;

beforeAll(async () => {
  db = await isolatedDatabase('sweep');
});
afterAll(async () => {
  await db?.drop();
});

/** An ingest whose inline executor takes every event and then dies: nothing is executed. */
function deadInlineIngest(pool: pg.Pool) {
  const dead: InlineHandoff = { reserve: () => true, hand: () => {} };
  return createEventRepository(pool, dead);
}

async function rowIds(storeId: string, eventIds: string[]): Promise<number[]> {
  const { rows } = await db.pool.query<{ id: string }>(
    'SELECT id FROM events WHERE store_id = $1 AND event_id = ANY($2) ORDER BY id',
    [storeId, eventIds],
  );
  return rows.map((r) => Number(r.id));
}

/** The event row ids of the store's `apply_event` jobs, per job. */
const jobsOf = (storeId: string) => applyEventJobsOfStore(db.pool, storeId);

describe('the inline sweep', () => {
  it('enqueues one job for the inline events left unfinished, once, and leaves the rest alone', async () => {
    const storeId = await createTestStore(db.pool, 'sweep');
    const events = orderEvents(storeId, 6, 6);
    const [done, unapplied, unrouted] = [events.slice(0, 2), events.slice(2, 4), events.slice(4, 6)];
    await deadInlineIngest(db.pool).insert(storeId, [...done, ...unapplied, ...unrouted]);
    const deps = createPipelineDeps(db.pool);
    await deps.router.start();
    const idsOf = (list: typeof events) =>
      rowIds(
        storeId,
        list.map((e) => e.id),
      );
    try {
      await processEvents(deps, await idsOf(done));
      // Applied, then routing failed: applied but unfinished.
      await expect(processEvents(withBrokenRouter(deps), await idsOf(unrouted))).rejects.toThrow(
        'router unavailable',
      );
    } finally {
      await deps.router.close();
    }
    // An event ingested without inline execution has its own job; the sweep never adds one.
    const queued = orderEvents(`${storeId}-q`, 1);
    await createEventRepository(db.pool).insert(storeId, queued);
    const queuedJob = [await rowIds(storeId, [queued[0]!.id])];
    expect(await jobsOf(storeId)).toEqual(queuedJob);

    // Within the grace period nothing is swept, and nothing is skipped for later either.
    expect(await sweepInlineEvents(db.pool, 3600)).toBe(0);
    expect(await sweepInlineEvents(db.pool, 0)).toBe(4);
    const stranded = await rowIds(
      storeId,
      [...unapplied, ...unrouted].map((e) => e.id),
    );
    expect(await jobsOf(storeId)).toEqual([stranded, ...queuedJob].sort((a, b) => a[0]! - b[0]!));
    // The next sweep starts where this one ended: no second job.
    expect(await sweepInlineEvents(db.pool, 0)).toBe(0);
  });

  it('does not look past a transaction still writing: its events are swept once it commits', async () => {
    const storeId = await createTestStore(db.pool, 'sweep-open');
    const [slow, fast] = orderEvents(storeId, 2, 2);
    const client = await db.pool.connect();
    try {
      // The slow insert's transaction starts (and so its `received_at` is taken) first, and
      // commits after the fast one and after a sweep.
      await client.query('BEGIN');
      await deadInlineIngest(client as unknown as pg.Pool).insert(storeId, [slow!]);
      await deadInlineIngest(db.pool).insert(storeId, [fast!]);
      expect(await sweepInlineEvents(db.pool, 0)).toBe(0);
      await client.query('COMMIT');
    } finally {
      client.release();
    }
    expect(await sweepInlineEvents(db.pool, 0)).toBe(2);
    expect((await jobsOf(storeId)).flat()).toEqual(await rowIds(storeId, [slow!.id, fast!.id]));
  });

  it('runs one sweep at a time: while another holds the sweep lock, it leaves the events to that one', async () => {
    const storeId = await createTestStore(db.pool, 'sweep-lock');
    await deadInlineIngest(db.pool).insert(storeId, orderEvents(storeId, 3, 3));
    const other = await db.pool.connect();
    try {
      await other.query('SELECT pg_advisory_lock($1, $2)', [0x5e70, 1]);
      expect(await sweepInlineEvents(db.pool, 0)).toBe(0);
      expect(await jobsOf(storeId)).toEqual([]);
      await other.query('SELECT pg_advisory_unlock($1, $2)', [0x5e70, 1]);
    } finally {
      other.release();
    }
    expect(await sweepInlineEvents(db.pool, 0)).toBe(3);
    expect((await jobsOf(storeId)).flat()).toHaveLength(3);
  });
});
