import { z } from 'zod';
import { defineNode, singleOutput, triggerBaseConfig } from '../node-definition';

/** Event fields every order trigger makes available. */
export const orderEventFields = [
  'order.total',
  'order.itemCount',
  'order.status',
  'order.channel',
  'order.couponCode',
  'order.skus',
  'order.productIds',
  'order.categories',
  'order.brands',
] as const;

/** Starts a run for every `order.created` event. */
export const triggerOrderCreated = defineNode({
  type: 'trigger.order_created',
  kind: 'trigger',
  label: 'Order created',
  description: 'When a customer places an order',
  category: 'Orders',
  icon: 'shopping-bag',
  configSchema: z.strictObject({ ...triggerBaseConfig }),
  defaultConfig: { reentry: 'always' },
  handles: singleOutput,
  eventFields: orderEventFields,
});
