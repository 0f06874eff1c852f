import { type ResumeState, resume } from '@segflow/engine';
import { loadCustomerFacts } from './customer-facts';
import type { PipelineDeps } from './process-event';

/**
 * The `resume_run` task: a waiting run continues at its due time on the version it started on.
 * A run cancelled meanwhile (workflow deactivated) is left alone.
 */
export async function resumeRun(deps: PipelineDeps, runId: string): Promise<void> {
  const { rows } = await deps.pool.query<{
    store_id: string;
    workflow_version_id: string;
    customer_id: string;
    state: ResumeState;
    steps: string;
  }>(
    `UPDATE runs SET status = 'running' WHERE id = $1 AND status IN ('waiting', 'running') AND state IS NOT NULL
     RETURNING store_id, workflow_version_id, customer_id, state,
       (SELECT count(*) FROM run_steps WHERE run_id = $1) AS steps`,
    [runId],
  );
  const run = rows[0];
  if (!run) return;
  const plan = await deps.router.planOf(run.workflow_version_id);
  const customer = plan && (await loadCustomerFacts(deps.pool, run.store_id, run.customer_id, plan.needs));
  if (!plan || !customer) {
    await deps.pool.query(
      `UPDATE runs SET status = 'skipped', reason = $2, finished_at = now() WHERE id = $1`,
      [runId, plan ? 'the customer no longer exists' : 'the workflow version is gone'],
    );
    return;
  }
  const result = await resume(plan, { state: run.state, customer }, deps.ports);
  await deps.runs.finish(run.store_id, runId, result, Number(run.steps));
}
