import { z } from 'zod';
import { defineNode, singleOutput, triggerBaseConfig } from '../node-definition';
import { orderEventFields } from './trigger-order-created';

const status = z.string().trim().min(1).max(50);

/** Starts a run when an order changes status, optionally only from / to given statuses. */
export const triggerOrderStatusChanged = defineNode({
  type: 'trigger.order_status_changed',
  kind: 'trigger',
  label: 'Order status changed',
  description: 'When an order moves to (or from) a status, e.g. fulfilled',
  category: 'Orders',
  icon: 'package-check',
  configSchema: z.strictObject({ ...triggerBaseConfig, to: status.optional(), from: status.optional() }),
  defaultConfig: { reentry: 'always' },
  handles: singleOutput,
  eventFields: [...orderEventFields, 'order.previousStatus'],
});
