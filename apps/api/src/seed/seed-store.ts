import { Faker, en } from '@faker-js/faker';
import type pg from 'pg';
import { copyRows } from './copy-batch';
import {
  generateCart,
  generateCustomer,
  generateOrders,
  NATURAL_ORDERS_PER_CUSTOMER,
  type SeedCustomer,
  type SeedOrder,
} from './generate-customers';
import { seedProducts } from './product-catalog';

/** What to seed. */
export interface SeedOptions {
  storeId: string;
  name: string;
  customers: number;
  /** Average orders per customer (default: the generator's own, about 2.5). */
  ordersPerCustomer?: number;
  timeZone?: string;
  batchSize?: number;
  /** Called after each batch with the customers written so far. */
  onProgress?: (done: number, total: number) => void;
}

/** What a seed wrote. */
export interface SeedSummary {
  customers: number;
  orders: number;
  items: number;
  carts: number;
}

const customerColumns = [
  'store_id',
  'external_id',
  'email',
  'first_name',
  'last_name',
  'company',
  'phone',
  'gender',
  'birth_date',
  'country',
  'state',
  'city',
  'zip',
  'accepts_marketing',
  'group_name',
  'tags',
  'attributes',
  'created_at',
];

function seedFor(storeId: string): number {
  let hash = 42;
  for (const char of storeId) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return hash;
}

/** Start of the current UTC day: data is identical run to run, only shifted to stay recent. */
export function seedAnchor(now = new Date()): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
}

/**
 * Creates (or recreates) a store and fills it deterministically with customers, two years of
 * orders with items, stats and abandoned carts, in COPY batches. Marks the store seeded at the end,
 * so an interrupted seed is detected and redone.
 */
export async function seedStore(pool: pg.Pool, options: SeedOptions): Promise<SeedSummary> {
  const faker = new Faker({ locale: [en], seed: seedFor(options.storeId) });
  const anchor = seedAnchor();
  const scale = (options.ordersPerCustomer ?? NATURAL_ORDERS_PER_CUSTOMER) / NATURAL_ORDERS_PER_CUSTOMER;
  faker.setDefaultRefDate(anchor);
  const summary: SeedSummary = { customers: 0, orders: 0, items: 0, carts: 0 };
  await pool.query('DELETE FROM stores WHERE id = $1', [options.storeId]);
  await pool.query('INSERT INTO stores (id, name, time_zone) VALUES ($1, $2, $3)', [
    options.storeId,
    options.name,
    options.timeZone ?? 'America/Chicago',
  ]);
  await insertCatalog(pool, options.storeId);
  const batchSize = options.batchSize ?? 5_000;
  for (let start = 0; start < options.customers; start += batchSize) {
    const count = Math.min(batchSize, options.customers - start);
    const customers = Array.from({ length: count }, (_, i) => generateCustomer(faker, start + i, anchor));
    const orders = customers.flatMap((customer) => generateOrders(faker, customer, anchor, scale));
    const carts = customers.flatMap((customer) => generateCart(faker, customer, anchor) ?? []);
    await writeBatch(pool, options.storeId, customers, orders, carts);
    summary.customers += count;
    summary.orders += orders.length;
    summary.items += orders.reduce((sum, order) => sum + order.items.length, 0);
    summary.carts += carts.length;
    options.onProgress?.(summary.customers, options.customers);
  }
  await pool.query(`UPDATE stores SET settings = settings || '{"seeded": true}' WHERE id = $1`, [
    options.storeId,
  ]);
  // VACUUM, not only ANALYZE: it sets the visibility map, without which the covering indexes segment
  // previews rely on (docs/segments.md) still visit the heap for every row (index-only scans need it;
  // autovacuum would get there eventually, and is off on some machines).
  await pool.query('VACUUM (ANALYZE) customers, customer_stats, orders, order_items');
  return summary;
}

async function insertCatalog(pool: pg.Pool, storeId: string): Promise<void> {
  const values = seedProducts.map((p) => [
    storeId,
    p.externalId,
    p.sku,
    p.name,
    p.category,
    p.brand,
    p.price,
  ]);
  const client = await pool.connect();
  try {
    await copyRows(
      client,
      'products',
      ['store_id', 'external_id', 'sku', 'name', 'category', 'brand', 'price'],
      values,
    );
    await client.query(
      `INSERT INTO customer_groups (store_id, name) VALUES ($1, 'Wholesale'), ($1, 'VIP member') ON CONFLICT DO NOTHING`,
      [storeId],
    );
  } finally {
    client.release();
  }
}

async function writeBatch(
  pool: pg.Pool,
  storeId: string,
  customers: SeedCustomer[],
  orders: SeedOrder[],
  carts: ReturnType<typeof generateCart>[],
): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query(
      `CREATE TEMP TABLE IF NOT EXISTS seed_orders (external_id text, customer_external_id text, total bigint, status text, channel text, coupon_code text, created_at timestamptz) ON COMMIT DELETE ROWS`,
    );
    await client.query(
      `CREATE TEMP TABLE IF NOT EXISTS seed_items (order_external_id text, sku text, product_id text, name text, category text, brand text, quantity int, unit_price bigint) ON COMMIT DELETE ROWS`,
    );
    await copyRows(
      client,
      'customers',
      customerColumns,
      customers.map((c) => [
        storeId,
        c.externalId,
        c.email,
        c.firstName,
        c.lastName,
        c.company,
        c.phone,
        c.gender,
        c.birthDate,
        c.country,
        c.state,
        c.city,
        c.zip,
        c.acceptsMarketing,
        c.groupName,
        c.tags,
        c.attributes,
        c.createdAt,
      ]),
    );
    await copyRows(
      client,
      'seed_orders',
      ['external_id', 'customer_external_id', 'total', 'status', 'channel', 'coupon_code', 'created_at'],
      orders.map((o) => [
        o.externalId,
        o.customerExternalId,
        o.total,
        o.status,
        o.channel,
        o.couponCode,
        o.createdAt,
      ]),
    );
    await copyRows(
      client,
      'seed_items',
      ['order_external_id', 'sku', 'product_id', 'name', 'category', 'brand', 'quantity', 'unit_price'],
      orders.flatMap((o) =>
        o.items.map((i) => [
          o.externalId,
          i.product.sku,
          i.product.externalId,
          i.product.name,
          i.product.category,
          i.product.brand,
          i.quantity,
          i.product.price,
        ]),
      ),
    );
    await client.query(
      `INSERT INTO orders (store_id, customer_id, external_id, total, status, channel, coupon_code, created_at, updated_at)
       SELECT $1, c.id, so.external_id, so.total, so.status, so.channel, so.coupon_code, so.created_at, so.created_at
       FROM seed_orders so JOIN customers c ON c.store_id = $1 AND c.external_id = so.customer_external_id`,
      [storeId],
    );
    await client.query(
      `INSERT INTO order_items (store_id, order_id, customer_id, sku, product_id, name, category, brand, quantity, unit_price, ordered_at)
       SELECT $1, o.id, o.customer_id, si.sku, si.product_id, si.name, si.category, si.brand, si.quantity, si.unit_price, o.created_at
       FROM seed_items si JOIN orders o ON o.store_id = $1 AND o.external_id = si.order_external_id`,
      [storeId],
    );
    await client.query(
      `INSERT INTO customer_stats (store_id, customer_id, lifetime_spend, order_count, average_order_value, first_order_at, last_order_at)
       SELECT $1, c.id, COALESCE(sum(o.total), 0), count(o.id), COALESCE(round(avg(o.total)), 0), min(o.created_at), max(o.created_at)
       FROM customers c LEFT JOIN orders o ON o.store_id = $1 AND o.customer_id = c.id
       WHERE c.store_id = $1 AND c.external_id = ANY($2::text[])
       GROUP BY c.id`,
      [storeId, customers.map((c) => c.externalId)],
    );
    await client.query(
      `INSERT INTO carts (store_id, customer_id, external_id, total, items, status, abandoned_at, updated_at)
       SELECT $1, c.id, x.external_id, x.total, x.items, 'abandoned', x.abandoned_at, x.abandoned_at
       FROM jsonb_to_recordset($2::jsonb) AS x(external_id text, customer_external_id text, total bigint, items jsonb, abandoned_at timestamptz)
       JOIN customers c ON c.store_id = $1 AND c.external_id = x.customer_external_id`,
      [
        storeId,
        JSON.stringify(
          carts.flatMap((cart) =>
            cart
              ? [
                  {
                    external_id: cart.externalId,
                    customer_external_id: cart.customerExternalId,
                    total: cart.total,
                    items: cart.items,
                    abandoned_at: cart.abandonedAt,
                  },
                ]
              : [],
          ),
        ),
      ],
    );
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}
