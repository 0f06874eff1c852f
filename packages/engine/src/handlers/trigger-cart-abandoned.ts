import type { NodeConfig } from '@segflow/schema';
import { triggerHandler } from './trigger';

/** `trigger.cart_abandoned`: starts the run as it comes (the API decides which customers and when). */
export const triggerCartAbandoned = triggerHandler<NodeConfig<'trigger.cart_abandoned'>>();
