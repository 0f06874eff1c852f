import { actionFallbackNode } from './fallback-node';
import { addTagsNode } from './action-add-tags';
import { assignGroupNode } from './action-assign-group';
import { createCouponNode } from './action-create-coupon';
import { httpRequestNode } from './action-http-request';
import { notifyTeamNode } from './action-notify-team';
import { removeTagsNode } from './action-remove-tags';
import { sendEmailNode } from './action-send-email';
import { setAttributeNode } from './action-set-attribute';
import { waitNode } from './action-wait';
import { ifNode } from './condition-if';
import { splitNode } from './condition-split';
import { switchNode } from './condition-switch';
import type { NodeDefinition } from './node-definition';
import { cartAbandonedNode } from './trigger-cart-abandoned';
import { customerCreatedNode } from './trigger-customer-created';
import { customerUpdatedNode } from './trigger-customer-updated';
import { manualNode } from './trigger-manual';
import { orderCreatedNode } from './trigger-order-created';
import { orderStatusChangedNode } from './trigger-order-status-changed';
import { scheduleNode } from './trigger-schedule';
import { segmentEnteredNode } from './trigger-segment-entered';
import { segmentExitedNode } from './trigger-segment-exited';

/** THE web registry: one line per node type (DESIGN §4 catalog). */
export const nodeRegistry = {
  'trigger.order_created': orderCreatedNode,
  'trigger.order_status_changed': orderStatusChangedNode,
  'trigger.customer_created': customerCreatedNode,
  'trigger.customer_updated': customerUpdatedNode,
  'trigger.cart_abandoned': cartAbandonedNode,
  'trigger.segment_entered': segmentEnteredNode,
  'trigger.segment_exited': segmentExitedNode,
  'trigger.schedule': scheduleNode,
  'trigger.manual': manualNode,
  'condition.if': ifNode,
  'condition.switch': switchNode,
  'condition.split': splitNode,
  'action.assign_group': assignGroupNode,
  'action.add_tags': addTagsNode,
  'action.remove_tags': removeTagsNode,
  'action.set_attribute': setAttributeNode,
  'action.send_email': sendEmailNode,
  'action.create_coupon': createCouponNode,
  'action.http_request': httpRequestNode,
  'action.wait': waitNode,
  'action.notify_team': notifyTeamNode,
} satisfies Record<string, NodeDefinition>;

/** The definition for a node type; types the catalog adds later get a raw JSON form. */
export function definitionFor(nodeType: string): NodeDefinition {
  return (nodeRegistry as Record<string, NodeDefinition>)[nodeType] ?? actionFallbackNode;
}
