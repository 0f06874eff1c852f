import { type EnginePorts, type Plan, run } from '@segflow/engine';
import type { NodeType, Reentry, StoreEvent } from '@segflow/schema';
import type pg from 'pg';
import { loadCustomerFacts } from './customer-facts';
import type { RunKey, RunStore } from './run-store';
import { MAX_CAUSAL_DEPTH } from './trigger-types';

/** What executing one routed run needs. */
export interface RunDeps {
  pool: pg.Pool;
  runs: RunStore;
  ports: EnginePorts;
}

/** The event side of a run. */
export interface RunTrigger {
  storeId: string;
  eventId: number;
  event: StoreEvent;
  customerId: number;
  depth: number;
  timeZone: string;
  triggerType: string;
}

async function reentryBlocks(pool: pg.Pool, key: RunKey, reentry: Reentry): Promise<string | null> {
  if (reentry === 'always') return null;
  const days = reentry === 'once' ? null : reentry.days;
  const { rows } = await pool.query(
    `SELECT 1 FROM runs WHERE store_id = $1 AND workflow_id = $2 AND customer_id = $3
       AND status IN ('running', 'waiting', 'completed') AND event_id IS DISTINCT FROM $4
       AND ($5::int IS NULL OR started_at > now() - make_interval(days => $5::int)) LIMIT 1`,
    [key.storeId, key.workflowId, key.customerId, key.eventId, days],
  );
  if (rows.length === 0) return null;
  return days === null
    ? 're-entry: this customer already ran this workflow (once per customer)'
    : `re-entry: this customer ran this workflow within the last ${days} days`;
}

/**
 * Runs one active version for one event and customer: guards (causal depth, re-entry) first,
 * each recorded as a skipped run with its reason; then the run row (unique per version + event +
 * customer), the engine walk with ledgered ports, and the trace. Idempotent under job retries.
 */
export async function executeRun(
  deps: RunDeps,
  t: RunTrigger,
  route: { workflowId: string; versionId: string; plan: Plan },
): Promise<void> {
  const trigger = route.plan.triggers.find((tr) => tr.type === t.triggerType);
  const key: RunKey = {
    storeId: t.storeId,
    workflowId: route.workflowId,
    versionId: route.versionId,
    eventId: t.eventId,
    customerId: t.customerId,
    triggerNodeId: trigger?.nodeId ?? null,
    depth: t.depth,
  };
  if (t.depth >= MAX_CAUSAL_DEPTH) {
    await deps.runs.skip(
      key,
      `causal depth ${t.depth} reached the limit of ${MAX_CAUSAL_DEPTH}: a loop between workflows was stopped`,
    );
    return;
  }
  const blocked = trigger ? await reentryBlocks(deps.pool, key, trigger.reentry) : null;
  if (blocked) {
    await deps.runs.skip(key, blocked);
    return;
  }
  const { runId, shouldRun } = await deps.runs.open(key);
  if (!shouldRun) return;
  const customer = await loadCustomerFacts(deps.pool, t.storeId, t.customerId, route.plan.needs);
  if (!customer) {
    await deps.runs.skip(key, 'the customer no longer exists');
    return;
  }
  const result = await run(
    route.plan,
    {
      storeId: t.storeId,
      runId,
      triggerType: t.triggerType as NodeType,
      event: t.event,
      customer,
      timeZone: t.timeZone,
    },
    deps.ports,
  );
  await deps.runs.finish(t.storeId, runId, result);
}
