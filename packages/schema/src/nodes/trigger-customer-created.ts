import { z } from 'zod';
import { defineNode, singleOutput, triggerBaseConfig } from '../node-definition';

/** When a customer account is created. */
export const triggerCustomerCreated = defineNode({
  type: 'trigger.customer_created',
  kind: 'trigger',
  label: 'Customer created',
  description: 'When a customer account is created',
  category: 'Customers',
  icon: 'user-plus',
  configSchema: z.strictObject({ ...triggerBaseConfig }),
  defaultConfig: { reentry: 'always' },
  handles: singleOutput,
  eventFields: [],
});
