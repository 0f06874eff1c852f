import type { NodeConfig } from '@segflow/schema';
import { compileCondition } from '../condition/to-predicate';
import type { NodeHandler } from './handler';

/**
 * `trigger.manual`: runs on demand. With a condition (the backfill's selection, done in SQL), the
 * customer is checked again with the same semantics in JS, so a customer who changed between
 * selection and run is a recorded skip rather than a wrong action.
 */
export const triggerManual: NodeHandler<NodeConfig<'trigger.manual'>> = {
  kind: 'trigger',
  compile(config) {
    const matches = config.condition ? compileCondition(config.condition) : null;
    return (exec) =>
      matches === null || matches(exec.customer, exec.evalContext)
        ? { status: 'ok', handle: 'next' }
        : {
            status: 'skipped',
            handle: null,
            skipReason: "the customer does not match the trigger's condition",
          };
  },
};
