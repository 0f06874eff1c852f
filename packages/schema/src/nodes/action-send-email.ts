import { z } from 'zod';
import { defineNode, singleOutput } from '../node-definition';
import { CouponSchema } from '../coupon';

/** Emails the customer; subject and body are Liquid over customer, order and coupon. */
export const actionSendEmail = defineNode({
  type: 'action.send_email',
  kind: 'action',
  label: 'Send email',
  description: 'Email the customer, optionally with a unique coupon ({{ coupon.code }})',
  category: 'Messaging',
  icon: 'mail',
  configSchema: z.strictObject({
    subject: z.string().trim().min(1).max(300),
    body: z.string().min(1).max(50_000),
    coupon: CouponSchema.optional(),
  }),
  defaultConfig: { subject: '', body: '' },
  handles: singleOutput,
  eventFields: [],
});
