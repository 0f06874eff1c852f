import type { ActionContext, ActionOutcome, ActionPorts } from '../ports';
import type { ExecContext, HandlerResult, NodeHandler, NodeRuntime } from './handler';
import { NEXT_HANDLE } from '@segflow/schema';

/** The ledger key of an action: one effect per run and node, whatever the retries. */
export function idempotencyKey(runId: string, nodeId: string): string {
  return `${runId}:${nodeId}`;
}

/** The port context of an action step. */
export function actionContext(exec: ExecContext): ActionContext {
  const { input, nodeId, customer } = exec;
  return {
    storeId: input.storeId,
    runId: input.runId,
    nodeId,
    customerId: customer.id,
    idempotencyKey: idempotencyKey(input.runId, nodeId),
    customer,
    event: input.event,
  };
}

/** Maps a port outcome to a step result; a throwing port fails the step (and the run). */
export async function callPort(
  exec: ExecContext,
  call: (ctx: ActionContext) => Promise<ActionOutcome>,
): Promise<HandlerResult> {
  try {
    const outcome = await call(actionContext(exec));
    return outcome.status === 'done'
      ? { status: 'ok', handle: NEXT_HANDLE, output: outcome.output }
      : { status: 'skipped', handle: NEXT_HANDLE, skipReason: outcome.reason };
  } catch (error) {
    return { status: 'failed', error: error instanceof Error ? error.message : String(error) };
  }
}

/** Builds the handler of an action type that calls one port with a request derived from its config. */
export function portAction<C>(
  call: (actions: ActionPorts, ctx: ActionContext, config: C) => Promise<ActionOutcome>,
): NodeHandler<C> {
  return {
    kind: 'action',
    compile:
      (config): NodeRuntime =>
      (exec) =>
        callPort(exec, (ctx) => call(exec.ports.actions, ctx, config)),
  };
}
