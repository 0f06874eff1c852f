import type { NodeConfig } from '@segflow/schema';
import { compileCondition } from '../condition/to-predicate';
import type { NodeHandler } from './handler';

/** `condition.if`: continues on `true` or `false`; the predicate is compiled once per plan. */
export const conditionIf: NodeHandler<NodeConfig<'condition.if'>> = {
  kind: 'condition',
  compile(config) {
    const predicate = compileCondition(config.condition);
    return (exec) => {
      const matched = predicate(exec.customer, exec.evalContext);
      return { status: 'ok', handle: matched ? 'true' : 'false', output: { matched } };
    };
  },
};
