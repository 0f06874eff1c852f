import { bigint, index, integer, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { customers } from './customers';
import { childStoreIdColumn, tstz } from './stores';

/** An order; `created_at` is when it was placed (purchase-time conditions use it). */
export const orders = pgTable(
  'orders',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    storeId: childStoreIdColumn(),
    customerId: bigint('customer_id', { mode: 'number' })
      .notNull()
      .references(() => customers.id, { onDelete: 'cascade' }),
    externalId: text('external_id').notNull(),
    total: bigint('total', { mode: 'number' }).notNull(),
    currency: text('currency').notNull().default('USD'),
    status: text('status').notNull(),
    channel: text('channel'),
    couponCode: text('coupon_code'),
    createdAt: tstz('created_at').notNull(),
    updatedAt: tstz('updated_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('orders_store_external_key').on(t.storeId, t.externalId),
    index('orders_store_customer_idx').on(t.storeId, t.customerId),
  ],
);

/** Order lines, denormalised with `customer_id` and `ordered_at` for purchase conditions. */
export const orderItems = pgTable(
  'order_items',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    storeId: childStoreIdColumn(),
    orderId: bigint('order_id', { mode: 'number' })
      .notNull()
      .references(() => orders.id, { onDelete: 'cascade' }),
    customerId: bigint('customer_id', { mode: 'number' }).notNull(),
    sku: text('sku').notNull(),
    productId: text('product_id'),
    name: text('name'),
    category: text('category'),
    brand: text('brand'),
    quantity: integer('quantity').notNull(),
    unitPrice: bigint('unit_price', { mode: 'number' }).notNull(),
    orderedAt: tstz('ordered_at').notNull(),
  },
  (t) => [
    index('order_items_store_customer_idx').on(t.storeId, t.customerId),
    // Purchase conditions use covering (store, sku | product | category | brand, customer) indexes,
    // written by hand in migrations 0005 / 0007 (drizzle-kit 0.31 cannot express INCLUDE).
    index('order_items_order_idx').on(t.orderId),
  ],
);
