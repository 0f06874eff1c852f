import { z } from 'zod';

/** Coupon settings: exactly one of `percentOff` (1–100) or `amountOff` (cents), and a lifetime in days. */
export const CouponSchema = z
  .strictObject({
    percentOff: z.number().int().min(1).max(100).optional(),
    amountOff: z.number().int().min(1).max(100_000_000).optional(),
    expiresInDays: z.number().int().min(1).max(3650),
    prefix: z
      .string()
      .regex(/^[A-Z0-9-]{1,20}$/, 'Prefixes are 1–20 capital letters, digits or -')
      .optional(),
  })
  .refine((c) => (c.percentOff === undefined) !== (c.amountOff === undefined), {
    message: 'Set either percentOff or amountOff',
    path: ['percentOff'],
  });
/** Coupon settings. */
export type Coupon = z.infer<typeof CouponSchema>;
