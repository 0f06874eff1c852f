import { NEXT_HANDLE } from '@segflow/schema';
import type { ExecContext, HandlerResult, NodeHandler } from './handler';

/**
 * Builds a trigger handler. `matches` filters the event further (e.g. an order status change to
 * "paid"); a mismatch is a recorded skip, never a silent one. Re-entry is the API's to enforce
 * (it knows past runs): the plan lists each trigger's policy.
 */
export function triggerHandler<C>(matches?: (config: C, exec: ExecContext) => string | null): NodeHandler<C> {
  return {
    kind: 'trigger',
    compile:
      (config) =>
      (exec): HandlerResult => {
        const mismatch = matches?.(config, exec) ?? null;
        return mismatch === null
          ? { status: 'ok', handle: NEXT_HANDLE }
          : { status: 'skipped', handle: null, skipReason: mismatch };
      },
  };
}
