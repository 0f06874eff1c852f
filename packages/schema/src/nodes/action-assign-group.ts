import { z } from 'zod';
import { defineNode, singleOutput } from '../node-definition';

/** Puts the customer in one group (a customer has exactly one group). */
export const actionAssignGroup = defineNode({
  type: 'action.assign_group',
  kind: 'action',
  label: 'Assign group',
  description: 'Move the customer into a customer group',
  category: 'Customer',
  icon: 'users',
  configSchema: z.strictObject({ group: z.string().trim().min(1).max(255) }),
  defaultConfig: { group: '' },
  handles: singleOutput,
  eventFields: [],
});
