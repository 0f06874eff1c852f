import type { EventCart, EventOrder } from '@segflow/schema';
import { and, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client';
import { carts, orderItems, orders } from '../db/schema/index';
import { redeemCoupon } from '../coupons/redeem-coupon';

/**
 * Inserts the order and its items once (unique per store + external id) and, only when it was
 * new, adds it to `customer_stats`: replays and second events for the same order count nothing.
 */
export async function upsertOrder(
  tx: DbOrTx,
  storeId: string,
  customerId: number,
  order: EventOrder,
): Promise<boolean> {
  const createdAt = new Date(order.createdAt);
  const [inserted] = await tx
    .insert(orders)
    .values({
      storeId,
      customerId,
      externalId: order.externalId,
      total: order.total,
      currency: order.currency,
      status: order.status,
      channel: order.channel ?? null,
      couponCode: order.couponCode ?? null,
      createdAt,
    })
    .onConflictDoNothing()
    .returning({ id: orders.id });
  if (!inserted) {
    await tx
      .update(orders)
      .set({ status: order.status, updatedAt: sql`now()` })
      .where(and(eq(orders.storeId, storeId), eq(orders.externalId, order.externalId)));
    return false;
  }
  if (order.items.length > 0) {
    await tx.insert(orderItems).values(
      order.items.map((item) => ({
        storeId,
        orderId: inserted.id,
        customerId,
        sku: item.sku ?? '',
        productId: item.productId ?? null,
        name: item.name ?? null,
        category: item.category ?? null,
        brand: item.brand ?? null,
        quantity: item.quantity,
        unitPrice: item.unitPrice,
        orderedAt: createdAt,
      })),
    );
  }
  await tx.execute(sql`
    INSERT INTO customer_stats AS s (store_id, customer_id, lifetime_spend, order_count, average_order_value, first_order_at, last_order_at)
    VALUES (${storeId}, ${customerId}, ${order.total}, 1, ${order.total}, ${createdAt.toISOString()}, ${createdAt.toISOString()})
    ON CONFLICT (store_id, customer_id) DO UPDATE SET
      lifetime_spend = s.lifetime_spend + EXCLUDED.lifetime_spend,
      order_count = s.order_count + 1,
      average_order_value = round((s.lifetime_spend + EXCLUDED.lifetime_spend)::numeric / (s.order_count + 1)),
      first_order_at = LEAST(s.first_order_at, EXCLUDED.first_order_at),
      last_order_at = GREATEST(s.last_order_at, EXCLUDED.last_order_at)`);
  await redeemCoupon(tx, storeId, customerId, order.couponCode, { externalId: order.externalId, createdAt });
  return true;
}

/** Ensures a stats row exists (a customer without orders has 0 / 0 / null). */
export async function ensureStats(tx: DbOrTx, storeId: string, customerId: number): Promise<void> {
  await tx.execute(
    sql`INSERT INTO customer_stats (store_id, customer_id) VALUES (${storeId}, ${customerId}) ON CONFLICT DO NOTHING`,
  );
}

/** Upserts a cart in its new status (`abandoned` or `converted`). */
export async function upsertCart(
  tx: DbOrTx,
  storeId: string,
  customerId: number,
  cart: EventCart,
  status: 'abandoned' | 'converted',
  at: Date,
): Promise<void> {
  const values = {
    total: cart.total,
    items: cart.items,
    recoveryUrl: cart.recoveryUrl ?? null,
    status,
    abandonedAt: status === 'abandoned' ? at : null,
  };
  await tx
    .insert(carts)
    .values({ storeId, customerId, externalId: cart.externalId, ...values })
    .onConflictDoUpdate({
      target: [carts.storeId, carts.externalId],
      set: { ...values, customerId, updatedAt: sql`now()` },
    });
}
