import { type Plan, type RunResult, run } from '@segflow/engine';
import type { Condition, NodeType } from '@segflow/schema';
import type { PipelineDeps } from '../worker/process-event';
import { backfillSelection, selectionFrom } from './backfill-condition';
import { blockedByReentry } from './backfill-reentry';
import { loadBatchFacts, openBatchRuns } from './batch-facts';
import { deferCustomerActions } from './deferred-customer-actions';

/** Customers per batch (one job), and runs executed at once inside a batch. */
export const BATCH_SIZE = 500;
const PARALLEL = 16;

interface BackfillJobRow {
  id: string;
  seq: string;
  store_id: string;
  workflow_id: string;
  workflow_version_id: string;
  condition: Condition | null;
  status: string;
  last_customer_id: string;
  started_at: Date;
  time_zone: string;
}

/** The trigger a backfill run starts from: `trigger.manual` when the plan has one, else its first. */
function backfillTrigger(plan: Plan) {
  return plan.triggers.find((t) => t.type === 'trigger.manual') ?? plan.triggers[0];
}

/**
 * The `backfill_batch` task: runs the version for the next {@link BATCH_SIZE} matching customers
 * after the last one done, then records progress and enqueues the next batch in one transaction.
 * Runs are keyed (version, event -seq, customer): a retried batch re-opens the same runs, whose
 * ledger rows keep every effect single, so nothing doubles.
 */
export async function runBackfillBatch(deps: PipelineDeps, backfillId: string): Promise<void> {
  const { rows } = await deps.pool.query<BackfillJobRow>(
    `SELECT b.id, b.seq, b.store_id, b.workflow_id, b.workflow_version_id, b.condition, b.status, b.last_customer_id,
            b.started_at, s.time_zone
     FROM backfills b JOIN stores s ON s.id = b.store_id WHERE b.id = $1`,
    [backfillId],
  );
  const b = rows[0];
  if (b?.status !== 'running') return;
  const plan = await deps.router.planOf(b.workflow_version_id);
  const trigger = plan && backfillTrigger(plan);
  if (!plan || !trigger) {
    await deps.pool.query(
      `UPDATE backfills SET status = 'failed', error = $2, finished_at = now() WHERE id = $1`,
      [b.id, 'the published version no longer compiles or has no trigger'],
    );
    return;
  }
  const selection = backfillSelection(b.condition, b.started_at);
  const after = Number(b.last_customer_id);
  const batch = await deps.pool.query<{ id: string }>(
    `SELECT c.id FROM ${selectionFrom} WHERE c.store_id = $1 AND c.id > $2 AND ${selection.where}
     ORDER BY c.id LIMIT ${BATCH_SIZE}`,
    [b.store_id, after, ...selection.params],
  );
  const ids = batch.rows.map((r) => Number(r.id));
  const base = {
    storeId: b.store_id,
    workflowId: b.workflow_id,
    versionId: b.workflow_version_id,
    eventId: -Number(b.seq),
    triggerNodeId: trigger.nodeId,
    depth: 0,
  };
  const blocked = await blockedByReentry(deps.pool, base, ids, trigger.reentry);
  for (const [customerId, reason] of blocked) await deps.runs.skip({ ...base, customerId }, reason);
  const runnable = ids.filter((id) => !blocked.has(id));
  // Runs left `running` by a crashed attempt come back too; finished ones are not re-run.
  const runIds = await openBatchRuns(deps.pool, base, runnable);
  const facts = await loadBatchFacts(deps.pool, b.store_id, [...runIds.keys()], plan.needs);
  const work = [...runIds];
  const finished: { runId: string; result: RunResult }[] = [];
  const deferred = deferCustomerActions(deps.pool, deps.ports.actions);
  const ports = { ...deps.ports, actions: deferred.ports };
  for (let i = 0; i < work.length; i += PARALLEL) {
    await Promise.all(
      work.slice(i, i + PARALLEL).map(async ([customerId, runId]) => {
        const customer = facts.get(customerId);
        if (!customer) return skipGone(deps, runId);
        const result = await run(
          plan,
          {
            storeId: b.store_id,
            runId,
            triggerType: trigger.type as NodeType,
            event: null,
            customer,
            timeZone: b.time_zone,
          },
          ports,
        );
        finished.push({ runId, result });
      }),
    );
  }
  // Effects first, then the outcomes: a crash in between leaves runs `running`, re-run by the retry.
  await deferred.flush(b.store_id);
  await deps.runs.finishMany(
    finished
      .filter((f) => !f.result.wait)
      .map(({ runId, result }) => ({ storeId: b.store_id, runId, result, fromSeq: 0 })),
  );
  // A waiting run needs its resume job: finished alone, with it.
  for (const f of finished.filter((x) => x.result.wait))
    await deps.runs.finish(b.store_id, f.runId, f.result);
  await recordProgress(deps, b.id, after, ids);
}

async function skipGone(deps: PipelineDeps, runId: string): Promise<void> {
  await deps.pool.query(
    `UPDATE runs SET status = 'skipped', reason = $2, finished_at = now() WHERE id = $1`,
    [runId, 'the customer no longer exists'],
  );
}

async function recordProgress(deps: PipelineDeps, id: string, after: number, ids: number[]) {
  const client = await deps.pool.connect();
  try {
    await client.query('BEGIN');
    if (ids.length === 0) {
      await client.query(
        `UPDATE backfills SET status = 'completed', finished_at = now() WHERE id = $1 AND status = 'running'`,
        [id],
      );
    } else {
      const last = ids[ids.length - 1]!;
      const updated = await client.query(
        `UPDATE backfills SET done = done + $3, last_customer_id = $4 WHERE id = $1 AND last_customer_id = $2 AND status = 'running'`,
        [id, after, ids.length, last],
      );
      if (updated.rowCount === 1) {
        await client.query(
          `SELECT graphile_worker.add_job('backfill_batch', json_build_object('id', $1::text), job_key := $2)`,
          [id, `backfill:${id}:${last}`],
        );
      }
    }
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}
