import type { NodeConfig, NodeType } from '@segflow/schema';
import { actionAssignGroup } from './action-assign-group';
import { conditionIf } from './condition-if';
import type { NodeHandler } from './handler';
import { triggerOrderCreated } from './trigger-order-created';

/** The engine registry: one handler per node type; a missing one is a compile error. */
export const handlers = {
  'trigger.order_created': triggerOrderCreated,
  'condition.if': conditionIf,
  'action.assign_group': actionAssignGroup,
} satisfies { [T in NodeType]: NodeHandler<NodeConfig<T>> };

/** The handler of a node type, seen through the common interface. */
export function handlerFor(type: NodeType): NodeHandler<unknown> {
  return handlers[type] as NodeHandler<unknown>;
}
