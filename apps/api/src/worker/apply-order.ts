import type { EventCart, EventCustomer, EventOrder } from '@segflow/schema';
import { type SQL, sql } from 'drizzle-orm';
import type { SqlExecutor } from '../db/named-statement';
import { redeemCoupon } from '../coupons/redeem-coupon';
import { customerUpsertCtes } from './apply-customer';

/**
 * Inserts the order and its items once (unique per store + external id) and, only when it was
 * new, adds it to `customer_stats`: replays and second events for the same order count nothing
 * (a known order only takes the new status). One statement: order, items, stats.
 */
export async function upsertOrder(
  tx: SqlExecutor,
  storeId: string,
  customerId: number,
  order: EventOrder,
): Promise<boolean> {
  const owner = sql`customer AS (SELECT ${customerId}::bigint AS id)`;
  return (await orderStatement(tx, storeId, owner, order)).isNewOrder;
}

/**
 * The order event's whole apply in ONE statement: the customer upsert (see customerUpsertCtes)
 * with the order, its items and the stats chained onto it, as {@link upsertOrder} does them.
 */
export async function upsertCustomerAndOrder(
  tx: SqlExecutor,
  storeId: string,
  customer: EventCustomer,
  occurredAt: Date,
  order: EventOrder,
): Promise<{ customerId: number; isNewOrder: boolean }> {
  return orderStatement(tx, storeId, customerUpsertCtes(storeId, customer, occurredAt), order);
}

/**
 * The order event's apply as ONE statement that needs nothing after it (no coupon to redeem), for
 * a batch to send with others in one round trip; null when the event needs more (see
 * {@link upsertCustomerAndOrder}). Its one row has `customer_id`.
 */
export function orderOnlyStatement(
  storeId: string,
  customer: EventCustomer,
  occurredAt: Date,
  order: EventOrder,
): SQL | null {
  if (order.couponCode) return null;
  return orderSql(storeId, customerUpsertCtes(storeId, customer, occurredAt), order);
}

/** Runs the order statement after `owner`, CTEs that end in `customer` (one row: the owner's id). */
async function orderStatement(
  tx: SqlExecutor,
  storeId: string,
  owner: SQL,
  order: EventOrder,
): Promise<{ customerId: number; isNewOrder: boolean }> {
  const createdAt = new Date(order.createdAt).toISOString();
  const result = await tx.execute<{ customer_id: string; inserted: string }>(orderSql(storeId, owner, order));
  const customerId = Number(result.rows[0]!.customer_id);
  if (Number(result.rows[0]?.inserted ?? 0) === 0) return { customerId, isNewOrder: false };
  await redeemCoupon(tx, storeId, customerId, order.couponCode, {
    externalId: order.externalId,
    createdAt: new Date(createdAt),
  });
  return { customerId, isNewOrder: true };
}

/** The order statement: order, items and stats chained onto `owner`. */
function orderSql(storeId: string, owner: SQL, order: EventOrder): SQL {
  const createdAt = new Date(order.createdAt).toISOString();
  const items = order.items.map((item) => ({
    sku: item.sku ?? '',
    product_id: item.productId ?? null,
    name: item.name ?? null,
    category: item.category ?? null,
    brand: item.brand ?? null,
    quantity: item.quantity,
    unit_price: item.unitPrice,
  }));
  return sql`
    WITH ${owner}, o AS (
      INSERT INTO orders (store_id, customer_id, external_id, total, currency, status, channel, coupon_code, created_at)
      SELECT ${storeId}, customer.id, ${order.externalId}, ${order.total}, ${order.currency}, ${order.status},
             ${order.channel ?? null}, ${order.couponCode ?? null}, ${createdAt} FROM customer
      ON CONFLICT (store_id, external_id) DO NOTHING RETURNING id, customer_id
    ), known AS (
      UPDATE orders SET status = ${order.status}, updated_at = now()
      WHERE store_id = ${storeId} AND external_id = ${order.externalId} AND NOT EXISTS (SELECT 1 FROM o)
      RETURNING id
    ), items AS (
      INSERT INTO order_items (store_id, order_id, customer_id, sku, product_id, name, category, brand, quantity, unit_price, ordered_at)
      SELECT ${storeId}, o.id, o.customer_id, i.sku, i.product_id, i.name, i.category, i.brand, i.quantity, i.unit_price, ${createdAt}
      FROM o, jsonb_to_recordset(${JSON.stringify(items)}::jsonb)
        AS i(sku text, product_id text, name text, category text, brand text, quantity int, unit_price bigint)
      RETURNING 1
    ), stats AS (
      INSERT INTO customer_stats AS s (store_id, customer_id, lifetime_spend, order_count, average_order_value, first_order_at, last_order_at)
      SELECT ${storeId}, o.customer_id, ${order.total}, 1, ${order.total}, ${createdAt}::timestamptz, ${createdAt}::timestamptz FROM o
      ON CONFLICT (store_id, customer_id) DO UPDATE SET
        lifetime_spend = s.lifetime_spend + EXCLUDED.lifetime_spend,
        order_count = s.order_count + 1,
        average_order_value = round((s.lifetime_spend + EXCLUDED.lifetime_spend)::numeric / (s.order_count + 1)),
        first_order_at = LEAST(s.first_order_at, EXCLUDED.first_order_at),
        last_order_at = GREATEST(s.last_order_at, EXCLUDED.last_order_at)
      RETURNING 1
    )
    SELECT (SELECT id FROM customer) AS customer_id, (SELECT count(*) FROM o) AS inserted,
           (SELECT count(*) FROM known) AS known, (SELECT count(*) FROM items) AS items,
           (SELECT count(*) FROM stats) AS stats`;
}

/** Ensures a stats row exists (a customer without orders has 0 / 0 / null). */
export async function ensureStats(tx: SqlExecutor, storeId: string, customerId: number): Promise<void> {
  await tx.execute(
    sql`INSERT INTO customer_stats (store_id, customer_id) VALUES (${storeId}, ${customerId}) ON CONFLICT DO NOTHING`,
  );
}

/** Upserts a cart in its new status (`abandoned` or `converted`). */
export async function upsertCart(
  tx: SqlExecutor,
  storeId: string,
  customerId: number,
  cart: EventCart,
  status: 'abandoned' | 'converted',
  at: Date,
): Promise<void> {
  const abandonedAt = status === 'abandoned' ? at.toISOString() : null;
  await tx.execute(sql`
    INSERT INTO carts (store_id, customer_id, external_id, total, items, recovery_url, status, abandoned_at)
    VALUES (${storeId}, ${customerId}, ${cart.externalId}, ${cart.total}, ${JSON.stringify(cart.items)}::jsonb,
            ${cart.recoveryUrl ?? null}, ${status}, ${abandonedAt}::timestamptz)
    ON CONFLICT (store_id, external_id) DO UPDATE SET customer_id = EXCLUDED.customer_id, total = EXCLUDED.total,
      items = EXCLUDED.items, recovery_url = EXCLUDED.recovery_url, status = EXCLUDED.status,
      abandoned_at = EXCLUDED.abandoned_at, updated_at = now()`);
}
