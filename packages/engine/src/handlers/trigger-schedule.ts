import type { NodeConfig } from '@segflow/schema';
import { triggerHandler } from './trigger';

/** `trigger.schedule`: starts the run as it comes (the API decides which customers and when). */
export const triggerSchedule = triggerHandler<NodeConfig<'trigger.schedule'>>();
