import { compile } from '@segflow/engine';
import type pg from 'pg';
import { AppError } from '../errors';
import { backfillSelection, parseBackfillCondition, selectionFrom } from './backfill-condition';

/** A backfill as the API shows it: progress, rate (customers/s) and eta (s). */
export interface BackfillView {
  id: string;
  workflowId: string;
  workflowVersionId: string;
  status: string;
  condition: unknown;
  total: number;
  done: number;
  rate: number;
  etaSeconds: number | null;
  error: string | null;
  startedAt: string;
  finishedAt: string | null;
}

interface BackfillRow {
  id: string;
  workflow_id: string;
  workflow_version_id: string;
  status: string;
  condition: unknown;
  total: number;
  done: number;
  error: string | null;
  started_at: Date;
  finished_at: Date | null;
}

function view(row: BackfillRow): BackfillView {
  const end = row.finished_at ?? new Date();
  const seconds = Math.max(0.001, (end.getTime() - row.started_at.getTime()) / 1000);
  const rate = Math.round((row.done / seconds) * 10) / 10;
  const left = row.total - row.done;
  return {
    id: row.id,
    workflowId: row.workflow_id,
    workflowVersionId: row.workflow_version_id,
    status: row.status,
    condition: row.condition,
    total: row.total,
    done: row.done,
    rate,
    etaSeconds: row.status !== 'running' ? null : rate > 0 ? Math.ceil(left / rate) : null,
    error: row.error,
    startedAt: row.started_at.toISOString(),
    finishedAt: row.finished_at?.toISOString() ?? null,
  };
}

const columns =
  'id, workflow_id, workflow_version_id, status, condition, total, done, error, started_at, finished_at';

/** Backfills: start (idempotent while one runs), progress, cancel. */
export function createBackfillService(pool: pg.Pool) {
  async function get(storeId: string, id: string): Promise<BackfillView> {
    const { rows } = await pool.query<BackfillRow>(
      `SELECT ${columns} FROM backfills WHERE store_id = $1 AND id = $2`,
      [storeId, id],
    );
    if (!rows[0]) throw new AppError('not_found', `Backfill ${id} does not exist`);
    return view(rows[0]);
  }

  return {
    get,
    /**
     * Starts a backfill of the workflow's published version over the customers `condition`
     * matches (all when absent). While one runs for the workflow, answers that one instead.
     */
    async start(
      storeId: string,
      workflowId: string,
      rawCondition: unknown,
    ): Promise<{ created: boolean; backfill: BackfillView }> {
      const condition = parseBackfillCondition(rawCondition);
      const { rows: wf } = await pool.query<{ version_id: string | null; graph: unknown }>(
        `SELECT w.published_version_id AS version_id, v.graph FROM workflows w
         LEFT JOIN workflow_versions v ON v.id = w.published_version_id WHERE w.store_id = $1 AND w.id = $2`,
        [storeId, workflowId],
      );
      if (!wf[0]) throw new AppError('workflow_not_found', `Workflow ${workflowId} does not exist`);
      if (!wf[0].version_id)
        throw new AppError('not_published', 'Publish the workflow before backfilling it');
      if (!compile(wf[0].graph).ok)
        throw new AppError('invalid_graph', 'The published version does not compile');
      const now = new Date();
      const selection = backfillSelection(condition, now);
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        // One start at a time per workflow: concurrent POSTs get the same running backfill.
        await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`backfill:${workflowId}`]);
        const running = await client.query<BackfillRow>(
          `SELECT ${columns} FROM backfills WHERE store_id = $1 AND workflow_id = $2 AND status = 'running' LIMIT 1`,
          [storeId, workflowId],
        );
        if (running.rows[0]) {
          await client.query('COMMIT');
          return { created: false, backfill: view(running.rows[0]) };
        }
        const count = await client.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM ${selectionFrom} WHERE c.store_id = $1 AND c.id > $2 AND ${selection.where}`,
          [storeId, 0, ...selection.params],
        );
        const { rows } = await client.query<BackfillRow>(
          `INSERT INTO backfills (store_id, workflow_id, workflow_version_id, condition, total, started_at)
           VALUES ($1, $2, $3, $4::jsonb, $5, $6) RETURNING ${columns}`,
          [storeId, workflowId, wf[0].version_id, JSON.stringify(condition), count.rows[0]!.n, now],
        );
        const row = rows[0]!;
        await client.query(
          `SELECT graphile_worker.add_job('backfill_batch', json_build_object('id', $1::text), job_key := $2)`,
          [row.id, `backfill:${row.id}:0`],
        );
        await client.query('COMMIT');
        return { created: true, backfill: view(row) };
      } catch (error) {
        await client.query('ROLLBACK').catch(() => {});
        throw error;
      } finally {
        client.release();
      }
    },
    /** Cancels a running backfill: the next batch does not start (runs already made stay). */
    async cancel(storeId: string, id: string): Promise<BackfillView> {
      await pool.query(
        `UPDATE backfills SET status = 'cancelled', finished_at = now() WHERE store_id = $1 AND id = $2 AND status = 'running'`,
        [storeId, id],
      );
      return get(storeId, id);
    },
  };
}

/** The backfill service's interface. */
export type BackfillService = ReturnType<typeof createBackfillService>;
