import type pg from 'pg';
import { enqueueApplyJobs } from './apply-event-job';
import { startPeriodicTask } from './periodic-task';
import { triggerTypeByEvent } from './trigger-types';

/** How the sweep runs. */
export interface InlineSweepOptions {
  /** How long an inline event is left to the API process that stored it (INLINE_GRACE_SECONDS). */
  graceSeconds: number;
  /** Time between sweeps; default the grace period, at most 5 s. */
  intervalMs?: number;
}

/** The grace period: INLINE_GRACE_SECONDS, else 10 s (set it alike for API and worker processes). */
export function inlineGraceSeconds(): number {
  const fromEnv = Number(process.env.INLINE_GRACE_SECONDS || Number.NaN);
  return fromEnv >= 0 ? fromEnv : 10;
}

/** Advisory lock (namespace, key) held by the one sweep running at a time (worker-presence.ts uses 0x5e6f). */
const SWEEP_LOCK = [0x5e70, 1] as const;

/** Event types that are routed: a finished one has its `event_routes` gate row. */
const routedTypes = Object.entries(triggerTypeByEvent)
  .filter(([, trigger]) => trigger !== null)
  .map(([type]) => type);

// How far a sweep may look: `grace` ago, and never past the start of a transaction of this
// database that has written and not finished. An event's `received_at` is its insert's transaction
// start, so an event committed after this sweep has `received_at` >= the bound (the grace period
// covers the moment between an insert's start and its first row, and sessions of other roles,
// whose `xact_start` this role may not see): the next sweep sees it.
const boundSql = `
SELECT least(now() - make_interval(secs => $1),
             (SELECT min(xact_start) FROM pg_stat_activity
              WHERE datname = current_database() AND backend_xid IS NOT NULL AND pid <> pg_backend_pid())) AS upto`;

// A store's inline events received from its last sweep's bound up to this one's (excluded) and not
// finished: not applied, or routable and not routed.
const dueSql = `
SELECT e.id FROM events e
WHERE e.store_id = $1 AND e.inline
  AND e.received_at >= coalesce((SELECT swept_to FROM event_sweeps WHERE store_id = $1), '-infinity')
  AND e.received_at < $2
  AND (e.processed_at IS NULL
       OR (e.type = ANY($3::text[]) AND NOT EXISTS (SELECT 1 FROM event_routes r WHERE r.event_id = e.id)))`;

const advanceSql = `
INSERT INTO event_sweeps (store_id, swept_to) VALUES ($1, $2)
ON CONFLICT (store_id) DO UPDATE SET swept_to = greatest(event_sweeps.swept_to, EXCLUDED.swept_to)`;

/**
 * The safety net of inline execution (inline-execution.ts): an event the API process that stored
 * it was to execute, and left unfinished after the grace period (the process died, or could not
 * enqueue the jobs of a failed batch), gets an `apply_event` job due now. Each sweep looks at the
 * events received since the store's last one (`event_sweeps`), in the same transaction as it
 * enqueues and moves that mark, so every such event gets one job. One sweep runs at a time across
 * worker processes (an advisory lock). Returns how many events it enqueued.
 */
export async function sweepInlineEvents(pool: pg.Pool, graceSeconds: number): Promise<number> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const locked = await client.query<{ ok: boolean }>('SELECT pg_try_advisory_xact_lock($1, $2) AS ok', [
      ...SWEEP_LOCK,
    ]);
    if (!locked.rows[0]!.ok) {
      await client.query('ROLLBACK');
      return 0;
    }
    const upto = (await client.query<{ upto: Date }>(boundSql, [graceSeconds])).rows[0]!.upto;
    const stores = await client.query<{ id: string }>('SELECT id FROM stores ORDER BY id');
    let enqueued = 0;
    for (const { id: storeId } of stores.rows) {
      const due = await client.query<{ id: string }>(dueSql, [storeId, upto, routedTypes]);
      enqueued += due.rows.length;
      await enqueueApplyJobs(
        client,
        due.rows.map((r) => Number(r.id)),
      );
      await client.query(advanceSql, [storeId, upto]);
    }
    await client.query('COMMIT');
    return enqueued;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}

/** Sweeps every `intervalMs` until stopped (a worker process runs one). */
export function startInlineSweep(pool: pg.Pool, options: InlineSweepOptions): { stop(): Promise<void> } {
  const intervalMs = options.intervalMs ?? Math.max(100, Math.min(5_000, options.graceSeconds * 1000));
  return startPeriodicTask('inline sweep', intervalMs, () => sweepInlineEvents(pool, options.graceSeconds));
}
