import { z } from 'zod';
import { defineNode, singleOutput } from '../node-definition';

/** Sets one custom attribute (the `customer.attributes.<key>` conditions read). */
export const actionSetAttribute = defineNode({
  type: 'action.set_attribute',
  kind: 'action',
  label: 'Set attribute',
  description: 'Set a custom field on the customer, e.g. loyalty_tier = gold',
  category: 'Customer',
  icon: 'pencil',
  configSchema: z.strictObject({
    key: z.string().regex(/^[\w.-]{1,100}$/, 'Keys are 1–100 letters, digits, _, . or -'),
    value: z.union([z.string().max(1000), z.number(), z.boolean(), z.null()]),
  }),
  defaultConfig: { key: '', value: '' },
  handles: singleOutput,
  eventFields: [],
});
