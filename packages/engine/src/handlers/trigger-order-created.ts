import type { NodeConfig } from '@segflow/schema';
import { triggerHandler } from './trigger';

/** `trigger.order_created`: every `order.created` event starts the run. */
export const triggerOrderCreated = triggerHandler<NodeConfig<'trigger.order_created'>>();
