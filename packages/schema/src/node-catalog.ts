import type { z } from 'zod';
import type { NodeDefinition } from './node-definition';
import { actionAddTags } from './nodes/action-add-tags';
import { actionAssignGroup } from './nodes/action-assign-group';
import { actionCreateCoupon } from './nodes/action-create-coupon';
import { actionHttpRequest } from './nodes/action-http-request';
import { actionNotifyTeam } from './nodes/action-notify-team';
import { actionRemoveTags } from './nodes/action-remove-tags';
import { actionSendEmail } from './nodes/action-send-email';
import { actionSetAttribute } from './nodes/action-set-attribute';
import { actionWait } from './nodes/action-wait';
import { conditionIf } from './nodes/condition-if';
import { conditionSplit } from './nodes/condition-split';
import { conditionSwitch } from './nodes/condition-switch';
import { triggerCartAbandoned } from './nodes/trigger-cart-abandoned';
import { triggerCustomerCreated } from './nodes/trigger-customer-created';
import { triggerCustomerUpdated } from './nodes/trigger-customer-updated';
import { triggerManual } from './nodes/trigger-manual';
import { triggerOrderCreated } from './nodes/trigger-order-created';
import { triggerOrderStatusChanged } from './nodes/trigger-order-status-changed';
import { triggerSchedule } from './nodes/trigger-schedule';
import { triggerSegmentEntered } from './nodes/trigger-segment-entered';
import { triggerSegmentExited } from './nodes/trigger-segment-exited';

/** Every node type id (DESIGN §4), in palette order. The registries of every layer are typed against it. */
export const nodeTypes = [
  'trigger.order_created',
  'trigger.order_status_changed',
  'trigger.customer_created',
  'trigger.customer_updated',
  'trigger.cart_abandoned',
  'trigger.segment_entered',
  'trigger.segment_exited',
  'trigger.schedule',
  'trigger.manual',
  'condition.if',
  'condition.switch',
  'condition.split',
  'action.assign_group',
  'action.add_tags',
  'action.remove_tags',
  'action.set_attribute',
  'action.send_email',
  'action.create_coupon',
  'action.http_request',
  'action.wait',
  'action.notify_team',
] as const;
/** One of {@link nodeTypes}. */
export type NodeType = (typeof nodeTypes)[number];

/** THE registry of node types: one line per type. */
export const nodeCatalog = {
  'trigger.order_created': triggerOrderCreated,
  'trigger.order_status_changed': triggerOrderStatusChanged,
  'trigger.customer_created': triggerCustomerCreated,
  'trigger.customer_updated': triggerCustomerUpdated,
  'trigger.cart_abandoned': triggerCartAbandoned,
  'trigger.segment_entered': triggerSegmentEntered,
  'trigger.segment_exited': triggerSegmentExited,
  'trigger.schedule': triggerSchedule,
  'trigger.manual': triggerManual,
  'condition.if': conditionIf,
  'condition.switch': conditionSwitch,
  'condition.split': conditionSplit,
  'action.assign_group': actionAssignGroup,
  'action.add_tags': actionAddTags,
  'action.remove_tags': actionRemoveTags,
  'action.set_attribute': actionSetAttribute,
  'action.send_email': actionSendEmail,
  'action.create_coupon': actionCreateCoupon,
  'action.http_request': actionHttpRequest,
  'action.wait': actionWait,
  'action.notify_team': actionNotifyTeam,
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

/** Trigger node type → the canonical store event that fires it (others are fired by the API itself). */
export const triggerEventTypes = {
  'trigger.order_created': 'order.created',
  'trigger.order_status_changed': 'order.status_changed',
  'trigger.customer_created': 'customer.created',
  'trigger.customer_updated': 'customer.updated',
  'trigger.cart_abandoned': 'cart.abandoned',
} as const;
