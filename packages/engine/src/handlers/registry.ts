import type { NodeConfig, NodeType } from '@segflow/schema';
import { actionAddTags } from './action-add-tags';
import { actionAssignGroup } from './action-assign-group';
import { actionCreateCoupon } from './action-create-coupon';
import { actionHttpRequest } from './action-http-request';
import { actionNotifyTeam } from './action-notify-team';
import { actionRemoveTags } from './action-remove-tags';
import { actionSendEmail } from './action-send-email';
import { actionSetAttribute } from './action-set-attribute';
import { actionWait } from './action-wait';
import { conditionIf } from './condition-if';
import { conditionSplit } from './condition-split';
import { conditionSwitch } from './condition-switch';
import type { NodeHandler } from './handler';
import { triggerCartAbandoned } from './trigger-cart-abandoned';
import { triggerCustomerCreated } from './trigger-customer-created';
import { triggerCustomerUpdated } from './trigger-customer-updated';
import { triggerManual } from './trigger-manual';
import { triggerOrderCreated } from './trigger-order-created';
import { triggerOrderStatusChanged } from './trigger-order-status-changed';
import { triggerSchedule } from './trigger-schedule';
import { triggerSegmentEntered } from './trigger-segment-entered';
import { triggerSegmentExited } from './trigger-segment-exited';

/** The engine registry: one handler per node type; a missing one is a compile error. */
export const handlers = {
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
} satisfies { [T in NodeType]: NodeHandler<NodeConfig<T>> };

/** The handler of a node type, seen through the common interface. */
export function handlerFor(type: NodeType): NodeHandler<unknown> {
  return handlers[type] as NodeHandler<unknown>;
}
