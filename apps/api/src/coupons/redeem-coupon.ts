import { sql } from 'drizzle-orm';
import type { SqlExecutor } from '../db/named-statement';

/**
 * Marks the coupon an order carries as redeemed, once: only an unexpired, unredeemed code, and
 * only by the customer it was issued to (codes issued to nobody are open to all). Codes compare
 * case-insensitively. Returns whether a coupon was redeemed; an unknown code changes nothing.
 */
export async function redeemCoupon(
  tx: SqlExecutor,
  storeId: string,
  customerId: number,
  code: string | null | undefined,
  order: { externalId: string; createdAt: Date },
): Promise<boolean> {
  if (!code) return false;
  const result = await tx.execute(sql`
    UPDATE coupons SET redeemed_at = ${order.createdAt.toISOString()}::timestamptz, redeemed_order_id = ${order.externalId}
    WHERE store_id = ${storeId} AND code = upper(${code.trim()}) AND redeemed_at IS NULL
      AND (customer_id IS NULL OR customer_id = ${customerId})
      AND (expires_at IS NULL OR expires_at >= ${order.createdAt.toISOString()}::timestamptz)`);
  return (result.rowCount ?? 0) > 0;
}
