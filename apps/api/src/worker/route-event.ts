import { MAX_CAUSAL_DEPTH } from './trigger-types';
import { executeRun, type RunDeps, type RunTrigger } from './execute-run';
import type { PathTally } from './path-tally';
import { probeRun } from './probe-run';
import type { Route } from './workflow-router';

/**
 * Routes one applied event to its active versions, in order. A run whose path ends without an
 * action or a wait (the probe says so, with the facts as they are after the earlier routes acted)
 * is counted in the batch's tally and recorded with the event's gate row (visible in the run
 * history without a `runs` row); every other run (acts, waits, fails, is guarded by re-entry or
 * causal depth) runs for real with its `runs` row and trace. Finally the event is marked routed.
 */
export async function routeEvent(
  deps: RunDeps,
  t: RunTrigger,
  routes: Route[],
  tally: PathTally,
): Promise<void> {
  for (const route of routes) {
    if (await countIfActionFree(deps, t, route, tally)) continue;
    await executeRun(deps, t, route);
  }
  tally.routed(t.eventId, t.storeId, t.customerId);
}

async function countIfActionFree(deps: RunDeps, t: RunTrigger, route: Route, tally: PathTally) {
  if (t.depth >= MAX_CAUSAL_DEPTH) return false;
  const trigger = route.plan.triggers.find((tr) => tr.type === t.triggerType);
  // Re-entry policies read past runs: such workflows keep one row per run.
  if (!trigger || (trigger.reentry ?? 'always') !== 'always') return false;
  const customer = await t.facts.load(route.plan.needs);
  if (!customer) return false;
  const result = await probeRun(
    route.plan,
    {
      storeId: t.storeId,
      runId: '',
      triggerType: t.triggerType as never,
      event: t.event,
      customer,
      ...(t.segmentId ? { segmentId: t.segmentId } : {}),
      timeZone: t.timeZone,
    },
    deps.ports.clock,
  );
  if (!result) return false;
  tally.add(
    t.eventId,
    t.customerId,
    { storeId: t.storeId, workflowId: route.workflowId, versionId: route.versionId },
    result.steps,
  );
  return true;
}
