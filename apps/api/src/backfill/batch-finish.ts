import type { RunResult, StepRecord } from '@segflow/engine';
import type pg from 'pg';

function stepDetail(s: StepRecord): Record<string, unknown> | null {
  const detail: Record<string, unknown> = {};
  if (s.output !== undefined) detail.output = s.output;
  if (s.error) detail.error = s.error;
  if (s.skipReason) detail.skipReason = s.skipReason;
  return Object.keys(detail).length > 0 ? detail : null;
}

/**
 * Writes the traces and outcomes of a batch's finished runs (completed or failed; never waiting
 * ones, which need their resume job) in one statement: the same rows `RunStore.finish` writes per run.
 */
export async function finishBatch(
  pool: pg.Pool,
  storeId: string,
  finished: { runId: string; result: RunResult }[],
): Promise<void> {
  if (finished.length === 0) return;
  const steps = finished.flatMap(({ runId, result }) =>
    result.steps.map((s, seq) => ({
      run_id: runId,
      seq,
      node_id: s.nodeId,
      node_type: s.type,
      status: s.status,
      handle: s.handle ?? null,
      detail: stepDetail(s),
      at: s.finishedAt.toISOString(),
    })),
  );
  const outcomes = finished.map(({ runId, result }) => ({
    run_id: runId,
    status: result.status,
    error: result.steps.find((s) => s.status === 'failed')?.error ?? null,
  }));
  await pool.query(
    `WITH steps AS (
       INSERT INTO run_steps (store_id, run_id, seq, node_id, node_type, status, handle, detail, at)
       SELECT $1, x.run_id, x.seq, x.node_id, x.node_type, x.status, x.handle, x.detail, x.at
       FROM jsonb_to_recordset($2::jsonb) AS x(run_id uuid, seq int, node_id text, node_type text, status text, handle text, detail jsonb, at timestamptz)
       ON CONFLICT (run_id, seq) DO NOTHING
     )
     UPDATE runs r SET status = o.status, error = o.error, finished_at = now()
     FROM jsonb_to_recordset($3::jsonb) AS o(run_id uuid, status text, error text)
     WHERE r.id = o.run_id AND r.store_id = $1 AND r.status <> 'cancelled'`,
    [storeId, JSON.stringify(steps), JSON.stringify(outcomes)],
  );
}
