import { z } from 'zod';
import { defineNode, singleOutput, triggerBaseConfig } from '../node-definition';

/** When a customer's profile changes. */
export const triggerCustomerUpdated = defineNode({
  type: 'trigger.customer_updated',
  kind: 'trigger',
  label: 'Customer updated',
  description: "When a customer's profile changes",
  category: 'Customers',
  icon: 'user-pen',
  configSchema: z.strictObject({ ...triggerBaseConfig }),
  defaultConfig: { reentry: 'always' },
  handles: singleOutput,
  eventFields: [],
});
