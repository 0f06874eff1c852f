import { defineNode, singleOutput } from '../node-definition';
import { CouponSchema } from '../coupon';

/** Creates a unique coupon for the customer (without emailing it). */
export const actionCreateCoupon = defineNode({
  type: 'action.create_coupon',
  kind: 'action',
  label: 'Create coupon',
  description: 'Create a unique discount code for the customer',
  category: 'Promotions',
  icon: 'ticket-percent',
  configSchema: CouponSchema,
  defaultConfig: { percentOff: 10, expiresInDays: 30 },
  handles: singleOutput,
  eventFields: [],
});
