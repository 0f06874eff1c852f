import { randomUUID } from 'node:crypto';
import { run } from '@segflow/engine';
import { MAX_CAUSAL_DEPTH } from './trigger-types';
import { executeRun, type RunDeps, type RunTrigger, runInput } from './execute-run';
import type { PathTally } from './path-tally';
import { probeRun } from './probe-run';
import { profileChangesOf } from './profile-changes';
import { sealableRoute, sealingPorts } from './sealed-runs';
import type { Route } from './workflow-router';

/**
 * Routes one applied event to its active versions, in order. A run whose path ends without an
 * action or a wait (the probe says so, with the facts as they are after the earlier routes acted)
 * is counted in the batch's tally and recorded with the event's gate row (visible in the run
 * history without a `runs` row). With `seal` (every route of the customer's events in the batch is
 * sealable), a run that acts on the profile only is walked in memory and sealed: written with the
 * gate row (sealed-runs.ts). Every other run (acts otherwise, waits, fails, is guarded by re-entry
 * or causal depth) runs for real with its `runs` row and trace. Finally the event is marked routed.
 */
export async function routeEvent(
  deps: RunDeps,
  t: RunTrigger,
  routes: Route[],
  tally: PathTally,
  seal = false,
): Promise<{ sealedChanges: boolean }> {
  let sealedChanges = false;
  for (const route of routes) {
    const sealed = seal ? await sealOrCount(deps, t, route, tally) : null;
    if (sealed) {
      sealedChanges ||= sealed.changed;
      continue;
    }
    if (await countIfActionFree(deps, t, route, tally)) continue;
    await executeRun(deps, t, route);
  }
  tally.routed(t.eventId, t.storeId, t.customerId);
  return { sealedChanges };
}

/**
 * Whether the run may go through the tally: not at the causal depth limit, re-entry `always`
 * (re-entry policies read past runs: such workflows keep one row per run).
 */
function tallied(t: RunTrigger, route: Route): boolean {
  if (t.depth >= MAX_CAUSAL_DEPTH) return false;
  const trigger = route.plan.triggers.find((tr) => tr.type === t.triggerType);
  return trigger !== undefined && (trigger.reentry ?? 'always') === 'always';
}

/**
 * Walks a sealable run once: counted when action-free, else sealed (`changed`: it changed the
 * profile). Null: run it for real.
 */
async function sealOrCount(deps: RunDeps, t: RunTrigger, route: Route, tally: PathTally) {
  if (!tallied(t, route) || !sealableRoute(route, t.triggerType)) return null;
  const customer = await t.facts.load(route.plan.needs);
  if (!customer) return null;
  // The run's id before its row exists (the row is written with the event's gate row).
  const runId = randomUUID();
  const result = await run(route.plan, runInput(t, runId, customer), {
    clock: deps.ports.clock,
    actions: sealingPorts,
  });
  const tallyRoute = { storeId: t.storeId, workflowId: route.workflowId, versionId: route.versionId };
  const acted = result.steps.some((step) => route.plan.nodes.get(step.nodeId)?.kind === 'action');
  if (result.status === 'completed' && !acted) {
    tally.add(t.eventId, t.customerId, tallyRoute, result.steps);
    return { changed: false };
  }
  const trigger = route.plan.triggers.find((tr) => tr.type === t.triggerType);
  tally.seal(
    {
      ...tallyRoute,
      runId,
      eventId: t.eventId,
      customerId: t.customerId,
      triggerNodeId: trigger?.nodeId ?? null,
      depth: t.depth,
    },
    route.plan,
    result,
  );
  // Later routes of the event, and the customer's later events in the batch, see what it changed.
  const changes = profileChangesOf(route.plan, result.steps);
  t.facts.patch(changes);
  return { changed: changes.length > 0 };
}

async function countIfActionFree(deps: RunDeps, t: RunTrigger, route: Route, tally: PathTally) {
  if (!tallied(t, route)) return false;
  const customer = await t.facts.load(route.plan.needs);
  if (!customer) return false;
  const result = await probeRun(route.plan, runInput(t, '', customer), deps.ports.clock);
  if (!result) return false;
  tally.add(
    t.eventId,
    t.customerId,
    { storeId: t.storeId, workflowId: route.workflowId, versionId: route.versionId },
    result.steps,
  );
  return true;
}
