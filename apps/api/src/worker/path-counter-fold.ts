import type pg from 'pg';
import { startPeriodicTask } from './periodic-task';

// Takes a store's deltas (skipping those another fold holds), deletes them and adds them up into
// `path_counters`, in one statement: each delta is counted once, in the deltas or in the counters.
// Counters of a workflow deleted meanwhile are dropped with it. Upserts go in key order, so two
// folds never deadlock.
const foldSql = `
WITH folded AS (
  DELETE FROM path_counter_deltas
  WHERE id IN (SELECT id FROM path_counter_deltas WHERE store_id = $1 ORDER BY id LIMIT $2 FOR UPDATE SKIP LOCKED)
  RETURNING store_id, minute, version_ids, workflow_ids, node_ids, statuses, handles, ns
), sums AS (
  SELECT f.store_id, u.workflow_id, u.version_id, f.minute, u.node_id, u.status, u.handle, sum(u.n) AS n
  FROM folded f
  CROSS JOIN LATERAL unnest(f.version_ids, f.workflow_ids, f.node_ids, f.statuses, f.handles, f.ns)
    AS u(version_id, workflow_id, node_id, status, handle, n)
  GROUP BY 1, 2, 3, 4, 5, 6, 7
), added AS (
  INSERT INTO path_counters AS p (store_id, workflow_id, workflow_version_id, minute, node_id, status, handle, n)
  SELECT s.* FROM sums s
  WHERE EXISTS (SELECT 1 FROM workflows w WHERE w.id = s.workflow_id AND w.store_id = s.store_id)
  ORDER BY s.version_id, s.minute, s.node_id, s.status, s.handle
  ON CONFLICT (workflow_version_id, minute, node_id, status, handle) DO UPDATE SET n = p.n + EXCLUDED.n
  RETURNING 1
)
SELECT (SELECT count(*) FROM folded)::int AS deltas, (SELECT count(*) FROM added)::int AS counters`;

/** Most deltas one statement folds (a backlog is folded over several). */
const DELTAS_PER_FOLD = 2_000;

/**
 * Folds the path counter deltas that claimed batches wrote (path-tally.ts) into `path_counters`,
 * store by store: one upsert per counter row per fold, instead of one per counter row per batch.
 * Readers use the `path_counts` view (counters + deltas), so when it runs changes only cost, never
 * counts. Returns how many counter rows it upserted.
 */
export async function foldPathCounters(pool: pg.Pool): Promise<number> {
  // The stores with deltas waiting (the table holds about a second's worth: a small index scan).
  const stores = await pool.query<{ id: string }>(
    'SELECT DISTINCT store_id AS id FROM path_counter_deltas ORDER BY 1',
  );
  let upserted = 0;
  for (const { id } of stores.rows) {
    for (;;) {
      const { rows } = await pool.query<{ deltas: number; counters: number }>(foldSql, [id, DELTAS_PER_FOLD]);
      upserted += rows[0]!.counters;
      if (rows[0]!.deltas < DELTAS_PER_FOLD) break;
    }
  }
  return upserted;
}

/** Folds every `intervalMs` (default 1 s) until stopped; a worker process runs one. */
export function startPathCounterFold(pool: pg.Pool, intervalMs = 1_000): { stop(): Promise<void> } {
  return startPeriodicTask('folding path counters', intervalMs, () => foldPathCounters(pool));
}
