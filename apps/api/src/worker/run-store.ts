import type { RunResult, StepRecord } from '@segflow/engine';
import type pg from 'pg';
import { named } from '../db/named-statement';

/** Identity of a run to open: unique per (version, event, customer). */
export interface RunKey {
  storeId: string;
  workflowId: string;
  versionId: string;
  eventId: number | null;
  customerId: number;
  triggerNodeId: string | null;
  depth: number;
}

/** Anything that runs a query: the pool, or a client inside a transaction. */
export type Queryable = Pick<pg.Pool, 'query'>;

/** Persistence of runs and their traces (raw SQL on the hot path: one statement per step). */
export function createRunStore(pool: pg.Pool) {
  return {
    /**
     * Opens the run, or finds the one a previous attempt opened. Returns its id and whether it
     * should execute now (new, or left `running` by a crashed attempt).
     */
    async open(key: RunKey, db: Queryable = pool): Promise<{ runId: string; shouldRun: boolean }> {
      const inserted = await db.query<{ id: string }>(
        named(
          `INSERT INTO runs (store_id, workflow_id, workflow_version_id, event_id, customer_id, trigger_node_id, status, depth)
         VALUES ($1, $2, $3, $4, $5, $6, 'running', $7)
         ON CONFLICT (workflow_version_id, event_id, customer_id) DO NOTHING RETURNING id`,
          [
            key.storeId,
            key.workflowId,
            key.versionId,
            key.eventId,
            key.customerId,
            key.triggerNodeId,
            key.depth,
          ],
        ),
      );
      if (inserted.rows[0]) return { runId: inserted.rows[0].id, shouldRun: true };
      const existing = await db.query<{ id: string; status: string }>(
        `SELECT id, status FROM runs WHERE workflow_version_id = $1 AND event_id = $2 AND customer_id = $3`,
        [key.versionId, key.eventId, key.customerId],
      );
      const row = existing.rows[0]!;
      return { runId: row.id, shouldRun: row.status === 'running' };
    },
    /** Opens a run that is skipped from the start (re-entry, depth), with its reason. */
    async skip(key: RunKey, reason: string, db: Queryable = pool): Promise<void> {
      await db.query(
        `INSERT INTO runs (store_id, workflow_id, workflow_version_id, event_id, customer_id, trigger_node_id, status, reason, depth, finished_at)
         VALUES ($1, $2, $3, $4, $5, $6, 'skipped', $7, $8, now())
         ON CONFLICT (workflow_version_id, event_id, customer_id) DO NOTHING`,
        [
          key.storeId,
          key.workflowId,
          key.versionId,
          key.eventId,
          key.customerId,
          key.triggerNodeId,
          reason,
          key.depth,
        ],
      );
    },
    /**
     * Writes the steps and the run's outcome in one statement. `fromSeq` continues a resumed
     * trace. A waiting run keeps its state and due time; a cancelled run is never revived.
     */
    async finish(storeId: string, runId: string, result: RunResult, fromSeq = 0): Promise<boolean> {
      const steps = stepRows(result.steps, fromSeq);
      const failed = result.steps.find((s) => s.status === 'failed');
      const client = await pool.connect();
      try {
        if (result.wait) await client.query('BEGIN');
        const { rowCount } = await client.query(
          `WITH steps AS (
           INSERT INTO run_steps (store_id, run_id, seq, node_id, node_type, status, handle, detail, at)
           SELECT $1, $2, x.seq, x.node_id, x.node_type, x.status, x.handle, x.detail, x.at
           FROM jsonb_to_recordset($3::jsonb) AS x(seq int, node_id text, node_type text, status text, handle text, detail jsonb, at timestamptz)
           ON CONFLICT (run_id, seq) DO NOTHING
         )
         UPDATE runs SET status = $4, error = $5, state = $6::jsonb, resume_at = $7,
           finished_at = CASE WHEN $4 = 'waiting' THEN NULL ELSE now() END
         WHERE id = $2 AND store_id = $1 AND status <> 'cancelled'`,
          [
            storeId,
            runId,
            JSON.stringify(steps),
            result.status,
            failed?.error ?? null,
            result.wait ? JSON.stringify(result.wait.resumeState) : null,
            result.wait?.dueAt ?? null,
          ],
        );
        if (result.wait) {
          await client.query(
            `SELECT graphile_worker.add_job('resume_run', json_build_object('runId', $1::text), run_at := $2, job_key := $3)`,
            [runId, result.wait.dueAt, `resume:${runId}`],
          );
          await client.query('COMMIT');
        }
        return (rowCount ?? 0) > 0;
      } catch (error) {
        if (result.wait) await client.query('ROLLBACK').catch(() => {});
        throw error;
      } finally {
        client.release();
      }
    },
    /**
     * Finishes many runs that ended (completed or failed, no wait) in one statement: their steps
     * and outcomes. Used once per claimed batch; a run not yet finished stays `running`, so a
     * retried job re-runs it (its actions answer from the ledger) and finishes it then.
     */
    async finishMany(
      items: { storeId: string; runId: string; result: RunResult; fromSeq: number }[],
    ): Promise<void> {
      if (items.length === 0) return;
      const rows = items.map(({ storeId, runId, result, fromSeq }) => ({
        store_id: storeId,
        run_id: runId,
        status: result.status,
        error: result.steps.find((s) => s.status === 'failed')?.error ?? null,
        steps: stepRows(result.steps, fromSeq),
      }));
      await pool.query(
        named(
          `WITH x AS (
           SELECT * FROM jsonb_to_recordset($1::jsonb) AS x(store_id text, run_id uuid, status text, error text, steps jsonb)
         ), steps AS (
           INSERT INTO run_steps (store_id, run_id, seq, node_id, node_type, status, handle, detail, at)
           SELECT x.store_id, x.run_id, s.seq, s.node_id, s.node_type, s.status, s.handle, s.detail, s.at
           FROM x, jsonb_to_recordset(x.steps) AS s(seq int, node_id text, node_type text, status text, handle text, detail jsonb, at timestamptz)
           ON CONFLICT (run_id, seq) DO NOTHING
         )
         UPDATE runs r SET status = x.status, error = x.error, state = NULL, resume_at = NULL, finished_at = now()
         FROM x WHERE r.id = x.run_id AND r.store_id = x.store_id AND r.status <> 'cancelled'`,
          [JSON.stringify(rows)],
        ),
      );
    },
    /** Marks a run failed by an infrastructure error (the job will retry it). */
    async fail(runId: string, error: string): Promise<void> {
      await pool.query(`UPDATE runs SET error = $2 WHERE id = $1`, [runId, error.slice(0, 2000)]);
    },
  };
}

/** A run's steps as `run_steps` rows (JSON for `jsonb_to_recordset`), numbered from `fromSeq`. */
export function stepRows(steps: StepRecord[], fromSeq: number) {
  return steps.map((s, i) => ({
    seq: fromSeq + i,
    node_id: s.nodeId,
    node_type: s.type,
    status: s.status,
    handle: s.handle ?? null,
    detail: stepDetail(s),
    at: s.finishedAt.toISOString(),
  }));
}

function stepDetail(s: StepRecord): Record<string, unknown> | null {
  const detail: Record<string, unknown> = {};
  if (s.output !== undefined) detail.output = s.output;
  if (s.error) detail.error = s.error;
  if (s.skipReason) detail.skipReason = s.skipReason;
  return Object.keys(detail).length > 0 ? detail : null;
}

/** The run store's interface. */
export type RunStore = ReturnType<typeof createRunStore>;
