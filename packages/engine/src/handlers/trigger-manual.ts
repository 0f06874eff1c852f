import type { NodeConfig } from '@segflow/schema';
import { triggerHandler } from './trigger';

/** `trigger.manual`: starts the run as it comes (the API decides which customers and when). */
export const triggerManual = triggerHandler<NodeConfig<'trigger.manual'>>();
