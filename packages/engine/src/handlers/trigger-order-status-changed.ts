import type { NodeConfig } from '@segflow/schema';
import { triggerHandler } from './trigger';

/** `trigger.order_status_changed`: continues only when the change matches `to` / `from` (when set). */
export const triggerOrderStatusChanged = triggerHandler<NodeConfig<'trigger.order_status_changed'>>(
  (config, exec) => {
    const event = exec.input.event;
    if (event?.type !== 'order.status_changed') return 'not an order status change';
    if (config.to !== undefined && event.order.status !== config.to) {
      return `status changed to "${event.order.status}", not "${config.to}"`;
    }
    if (config.from !== undefined && event.previousStatus !== config.from) {
      return `status changed from "${event.previousStatus}", not "${config.from}"`;
    }
    return null;
  },
);
