import type { EventCart, EventCustomer, EventOrder } from '@segflow/schema';
import { sql } from 'drizzle-orm';
import { Placeholders, type SqlExecutor, textSql } from '../db/named-statement';
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
  const p = new Placeholders();
  const owner = `customer AS (SELECT ${p.add(customerId)}::bigint AS id)`;
  return (await orderStatement(tx, storeId, p, owner, order)).isNewOrder;
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
  const p = new Placeholders();
  return orderStatement(tx, storeId, p, customerUpsertCtes(p, storeId, customer, occurredAt), order);
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
  markEventId?: number,
): { text: string; values: unknown[] } | null {
  if (order.couponCode) return null;
  const p = new Placeholders();
  const text = orderSql(p, storeId, customerUpsertCtes(p, storeId, customer, occurredAt), order, markEventId);
  return { text, values: p.values };
}

/** Runs the order statement after `owner`, CTEs that end in `customer` (one row: the owner's id). */
async function orderStatement(
  tx: SqlExecutor,
  storeId: string,
  p: Placeholders,
  owner: string,
  order: EventOrder,
): Promise<{ customerId: number; isNewOrder: boolean }> {
  const createdAt = new Date(order.createdAt).toISOString();
  const text = orderSql(p, storeId, owner, order);
  const result = await tx.execute<{ customer_id: string; inserted: string }>(textSql(text, p.values));
  const customerId = Number(result.rows[0]!.customer_id);
  if (Number(result.rows[0]?.inserted ?? 0) === 0) return { customerId, isNewOrder: false };
  await redeemCoupon(tx, storeId, customerId, order.couponCode, {
    externalId: order.externalId,
    createdAt: new Date(createdAt),
  });
  return { customerId, isNewOrder: true };
}

/**
 * The order statement: order, items and stats chained onto `owner` (its values go to `p`); with
 * `markEventId`, it also marks that event applied, with its customer.
 */
function orderSql(
  p: Placeholders,
  storeId: string,
  owner: string,
  order: EventOrder,
  markEventId?: number,
): string {
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
  const store = p.add(storeId);
  const externalId = p.add(order.externalId);
  const total = p.add(order.total);
  const status = p.add(order.status);
  const at = p.add(createdAt);
  return `
    WITH ${owner}, o AS (
      INSERT INTO orders (store_id, customer_id, external_id, total, currency, status, channel, coupon_code, created_at)
      SELECT ${store}, customer.id, ${externalId}, ${total}, ${p.add(order.currency)}, ${status},
             ${p.add(order.channel ?? null)}, ${p.add(order.couponCode ?? null)}, ${at} FROM customer
      ON CONFLICT (store_id, external_id) DO NOTHING RETURNING id, customer_id
    ), known AS (
      UPDATE orders SET status = ${status}, updated_at = now()
      WHERE store_id = ${store} AND external_id = ${externalId} AND NOT EXISTS (SELECT 1 FROM o)
      RETURNING id
    ), items AS (
      INSERT INTO order_items (store_id, order_id, customer_id, sku, product_id, name, category, brand, quantity, unit_price, ordered_at)
      SELECT ${store}, o.id, o.customer_id, i.sku, i.product_id, i.name, i.category, i.brand, i.quantity, i.unit_price, ${at}
      FROM o, jsonb_to_recordset(${p.add(JSON.stringify(items))}::jsonb)
        AS i(sku text, product_id text, name text, category text, brand text, quantity int, unit_price bigint)
      RETURNING 1
    ), stats AS (
      INSERT INTO customer_stats AS s (store_id, customer_id, lifetime_spend, order_count, average_order_value, first_order_at, last_order_at)
      SELECT ${store}, o.customer_id, ${total}, 1, ${total}, ${at}::timestamptz, ${at}::timestamptz FROM o
      ON CONFLICT (store_id, customer_id) DO UPDATE SET
        lifetime_spend = s.lifetime_spend + EXCLUDED.lifetime_spend,
        order_count = s.order_count + 1,
        average_order_value = round((s.lifetime_spend + EXCLUDED.lifetime_spend)::numeric / (s.order_count + 1)),
        first_order_at = LEAST(s.first_order_at, EXCLUDED.first_order_at),
        last_order_at = GREATEST(s.last_order_at, EXCLUDED.last_order_at)
      RETURNING 1
    )${
      markEventId === undefined
        ? ''
        : `, marked AS (
      UPDATE events SET processed_at = now(), customer_id = (SELECT id FROM customer)
      WHERE id = ${p.add(markEventId)} RETURNING 1
    )`
    }
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
