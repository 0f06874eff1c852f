import type { StoreEventType } from '@segflow/schema';

/** Which trigger node type each canonical event fires (cart.converted fires none yet). */
export const triggerTypeByEvent: Record<StoreEventType, string | null> = {
  'order.created': 'trigger.order_created',
  'order.status_changed': 'trigger.order_status_changed',
  'customer.created': 'trigger.customer_created',
  'customer.updated': 'trigger.customer_updated',
  'cart.abandoned': 'trigger.cart_abandoned',
  'cart.converted': null,
};

/** Deepest causal chain allowed: an event caused by our own actions this many hops deep stops. */
export const MAX_CAUSAL_DEPTH = 5;
