import { type ActionPorts, type Clock, type Plan, type RunInput, type RunResult, run } from '@segflow/engine';

const probeReason = 'probe: would act';

/** Ports that act on nothing: every action answers a skip, so the probe can tell it was reached. */
const probeActions: ActionPorts = {
  assignGroup: async () => ({ status: 'skipped', reason: probeReason }),
  addTags: async () => ({ status: 'skipped', reason: probeReason }),
  removeTags: async () => ({ status: 'skipped', reason: probeReason }),
  setAttribute: async () => ({ status: 'skipped', reason: probeReason }),
  sendEmail: async () => ({ status: 'skipped', reason: probeReason }),
  createCoupon: async () => ({ status: 'skipped', reason: probeReason }),
  httpRequest: async () => ({ status: 'skipped', reason: probeReason }),
  notifyTeam: async () => ({ status: 'skipped', reason: probeReason }),
};

/**
 * Walks the plan in memory with ports that do nothing. Returns the result when the path is
 * action-free (completed, no action node reached, no wait): then the real run would write exactly
 * these steps and nothing else, and it can be counted and recorded on the event's gate row
 * instead of stored (see path-tally.ts). Null when the run acts, waits or fails: it must run for
 * real (run row, ledgered ports, trace).
 */
export async function probeRun(plan: Plan, input: RunInput, clock: Clock): Promise<RunResult | null> {
  const result = await run(plan, input, { clock, actions: probeActions });
  if (result.status !== 'completed' || result.wait) return null;
  const acts = result.steps.some((step) => plan.nodes.get(step.nodeId)?.kind === 'action');
  return acts ? null : result;
}
