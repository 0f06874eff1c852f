import type { NodeConfig } from '@segflow/schema';
import { triggerHandler } from './trigger';

/** `trigger.customer_created`: starts the run as it comes (the API decides which customers and when). */
export const triggerCustomerCreated = triggerHandler<NodeConfig<'trigger.customer_created'>>();
