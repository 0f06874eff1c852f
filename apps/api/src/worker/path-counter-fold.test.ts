import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorkflows, isolatedDatabase, orderEvents } from '../reliability/reliability-kit';
import { createEventRepository } from '../routes/events/events.repository';
import { createTestStore } from '../testing/test-database';
import { foldPathCounters } from './path-counter-fold';
import { processEvents } from './process-event';
import { createPipelineDeps } from './start-worker';

// A database of its own: no worker folds behind the test's back.
let db: Awaited<ReturnType<typeof isolatedDatabase>>;

beforeAll(async () => {
  db = await isolatedDatabase('fold');
});
afterAll(async () => {
  await db?.drop();
});

/** Routes `n` order events of a fresh store (each batch writes its counters as deltas). */
async function storeWithCountedRuns(name: string, n: number) {
  const storeId = await createTestStore(db.pool, name);
  const workflows = await createWorkflows(db.app, storeId);
  await createEventRepository(db.pool).insert(storeId, orderEvents(storeId, n, 5));
  const { rows } = await db.pool.query<{ id: string }>(
    'SELECT id FROM events WHERE store_id = $1 ORDER BY id',
    [storeId],
  );
  const deps = createPipelineDeps(db.pool);
  await deps.router.start();
  try {
    // Three batches: three deltas.
    const ids = rows.map((r) => Number(r.id));
    for (let i = 0; i < ids.length; i += Math.ceil(n / 3))
      await processEvents(deps, ids.slice(i, i + Math.ceil(n / 3)));
  } finally {
    await deps.router.close();
  }
  return { storeId, workflows };
}

/** The idle workflow's counters as the canvas reads them, and where they are held. */
async function counts(storeId: string, workflowId: string) {
  const { rows } = await db.pool.query<{ node_id: string; status: string; handle: string; n: number }>(
    `SELECT node_id, status, handle, sum(n)::int AS n FROM path_counts
     WHERE store_id = $1 AND workflow_id = $2 GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`,
    [storeId, workflowId],
  );
  const held = await db.pool.query<{ deltas: number; counters: number }>(
    `SELECT (SELECT count(*)::int FROM path_counter_deltas WHERE store_id = $1) AS deltas,
            (SELECT count(*)::int FROM path_counters WHERE store_id = $1) AS counters`,
    [storeId],
  );
  return { counts: rows, ...held.rows[0]! };
}

describe('folding path counter deltas', () => {
  it('moves every delta into the counters once, even with folds side by side; counts never change', async () => {
    const { storeId, workflows } = await storeWithCountedRuns('fold', 12);
    const before = await counts(storeId, workflows.idle);
    expect(before.deltas).toBe(3);
    expect(before.counters).toBe(0);
    // Each idle run: the run itself, its trigger and its condition (false).
    expect(before.counts).toEqual([
      { node_id: '', status: 'completed', handle: '', n: 12 },
      { node_id: 'c1', status: 'ok', handle: 'false', n: 12 },
      { node_id: 't1', status: 'ok', handle: 'next', n: 12 },
    ]);
    await Promise.all([foldPathCounters(db.pool), foldPathCounters(db.pool), foldPathCounters(db.pool)]);
    const after = await counts(storeId, workflows.idle);
    expect(after.deltas).toBe(0);
    expect(after.counters).toBe(3);
    expect(after.counts).toEqual(before.counts);
  });

  it('drops the deltas of a workflow deleted meanwhile, and folds the rest', async () => {
    const { storeId, workflows } = await storeWithCountedRuns('fold-deleted', 6);
    await db.pool.query('DELETE FROM workflows WHERE store_id = $1 AND id = $2', [storeId, workflows.idle]);
    await foldPathCounters(db.pool);
    const { rows } = await db.pool.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM path_counter_deltas WHERE store_id = $1',
      [storeId],
    );
    expect(rows[0]!.n).toBe(0);
    expect((await counts(storeId, workflows.idle)).counts).toEqual([]);
  });
});
