import type { z } from 'zod';
import type { NodeDefinition } from './node-definition';
import { actionAssignGroup } from './nodes/action-assign-group';
import { conditionIf } from './nodes/condition-if';
import { triggerOrderCreated } from './nodes/trigger-order-created';

/** Every node type id. The registries of every layer are typed against this list. */
export const nodeTypes = ['trigger.order_created', 'condition.if', 'action.assign_group'] as const;
/** One of {@link nodeTypes}. */
export type NodeType = (typeof nodeTypes)[number];

/** THE registry of node types: one line per type. */
export const nodeCatalog = {
  'trigger.order_created': triggerOrderCreated,
  'condition.if': conditionIf,
  'action.assign_group': actionAssignGroup,
} as const satisfies Record<NodeType, NodeDefinition>;

/** The parsed config of a node type. */
export type NodeConfig<T extends NodeType> = z.output<(typeof nodeCatalog)[T]['configSchema']>;

/** Narrows a string to a known node type. */
export function isNodeType(type: string): type is NodeType {
  return Object.hasOwn(nodeCatalog, type);
}

/** The definition of a node type, seen through the common interface. */
export function nodeDefinition(type: NodeType): NodeDefinition {
  return nodeCatalog[type] as NodeDefinition;
}
