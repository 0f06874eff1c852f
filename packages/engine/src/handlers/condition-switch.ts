import { DEFAULT_CASE, type NodeConfig } from '@segflow/schema';
import { compileCondition } from '../condition/to-predicate';
import type { NodeHandler } from './handler';

/** `condition.switch`: the first case whose condition matches wins, else `default`. */
export const conditionSwitch: NodeHandler<NodeConfig<'condition.switch'>> = {
  kind: 'condition',
  compile(config) {
    const cases = config.cases.map((c) => ({ id: c.id, matches: compileCondition(c.condition) }));
    return (exec) => {
      const hit = cases.find((c) => c.matches(exec.customer, exec.evalContext));
      const handle = hit?.id ?? DEFAULT_CASE;
      return { status: 'ok', handle, output: { case: handle } };
    };
  },
};
