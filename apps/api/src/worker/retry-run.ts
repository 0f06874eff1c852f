import { type Plan, type ResumeState, resume } from '@segflow/engine';
import type { NodeType, StoreEvent } from '@segflow/schema';
import { loadCustomerFacts } from './customer-facts';
import type { PipelineDeps } from './process-event';

interface RetryRow {
  store_id: string;
  workflow_version_id: string;
  customer_id: string;
  trigger_node_id: string | null;
  payload: StoreEvent | null;
  time_zone: string;
  steps: { node_id: string; status: string; handle: string | null }[];
}

/**
 * Where a failed run stopped: replays the engine's depth-first walk (a stack of pending nodes, each
 * node at most once) over the recorded steps up to the failed one. The retry starts at the failed
 * node, then the nodes that were still pending, with everything before it marked visited.
 */
export function retryPoint(plan: Plan, steps: RetryRow['steps']) {
  const failedAt = steps.findIndex((s) => s.status === 'failed');
  if (failedAt < 0) return null;
  const visited = new Set<string>();
  let pending: string[] = [];
  const next = (step: RetryRow['steps'][number]) =>
    step.handle ? (plan.nodes.get(step.node_id)?.next.get(step.handle) ?? []) : [];
  for (const step of steps.slice(0, failedAt)) {
    visited.add(step.node_id);
    if (plan.nodes.get(step.node_id)?.kind === 'trigger') {
      if (step.status === 'ok') pending = [...next(step)];
      continue;
    }
    pending = pending.slice(pending.indexOf(step.node_id) + 1);
    pending.unshift(...next(step));
  }
  const failed = steps[failedAt]!.node_id;
  pending = pending.slice(pending.indexOf(failed) + 1);
  return { pending: [failed, ...pending], visited: [...visited], seq: steps.length };
}

/**
 * The `retry_run` task: a failed run (its row already set back to `running` by `POST
 * …/runs/:id/retry`) continues from its failed step on the version it ran, with the customer's
 * facts as they are now. Steps are appended to its trace; actions already done are not redone
 * (the ledger, unique per run + node, answers them as replays).
 */
export async function retryRun(deps: PipelineDeps, runId: string): Promise<void> {
  const { rows } = await deps.pool.query<RetryRow>(
    `SELECT r.store_id, r.workflow_version_id, r.customer_id, r.trigger_node_id, e.payload,
            s.time_zone,
            coalesce((SELECT json_agg(json_build_object('node_id', rs.node_id, 'status', rs.status, 'handle', rs.handle) ORDER BY rs.seq)
                      FROM run_steps rs WHERE rs.run_id = r.id), '[]') AS steps
     FROM runs r JOIN stores s ON s.id = r.store_id LEFT JOIN events e ON e.id = r.event_id
     WHERE r.id = $1 AND r.status = 'running'`,
    [runId],
  );
  const run = rows[0];
  if (!run) return;
  const plan = await deps.router.planOf(run.workflow_version_id);
  const point = plan && retryPoint(plan, run.steps);
  const customer = plan && (await loadCustomerFacts(deps.pool, run.store_id, run.customer_id, plan.needs));
  if (!plan || !point || !customer) {
    await deps.pool.query(`UPDATE runs SET status = 'failed', error = $2 WHERE id = $1`, [
      runId,
      !plan
        ? 'retry: the workflow version is gone'
        : !point
          ? 'retry: no failed step'
          : 'retry: the customer no longer exists',
    ]);
    return;
  }
  const triggerType =
    (run.trigger_node_id && plan.nodes.get(run.trigger_node_id)?.type) ?? plan.triggers[0]?.type;
  const state: ResumeState = {
    version: 1,
    storeId: run.store_id,
    runId,
    triggerType: triggerType as NodeType,
    event: run.payload && 'occurredAt' in run.payload ? run.payload : null,
    timeZone: run.time_zone,
    customerId: run.customer_id,
    waitNodeId: '',
    pending: point.pending,
    visited: point.visited,
  };
  const result = await resume(plan, { state, customer }, deps.ports);
  await deps.runs.finish(run.store_id, runId, result, point.seq);
}
