import type { NodeConfig } from '@segflow/schema';
import { triggerHandler } from './trigger';

/** `trigger.customer_updated`: starts the run as it comes (the API decides which customers and when). */
export const triggerCustomerUpdated = triggerHandler<NodeConfig<'trigger.customer_updated'>>();
