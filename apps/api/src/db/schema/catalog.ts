import { bigint, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { storeIdColumn, tstz, uuidId } from './stores';

/** The store's products (the seed and connectors fill it; order items denormalise from it). */
export const products = pgTable(
  'products',
  {
    id: uuidId(),
    storeId: storeIdColumn(),
    externalId: text('external_id').notNull(),
    sku: text('sku').notNull(),
    name: text('name').notNull(),
    category: text('category').notNull(),
    brand: text('brand'),
    price: bigint('price', { mode: 'number' }).notNull(),
    createdAt: tstz('created_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('products_store_external_key').on(t.storeId, t.externalId)],
);

/** The named groups of a store (a customer has at most one, like BigCommerce). */
export const customerGroups = pgTable(
  'customer_groups',
  {
    id: uuidId(),
    storeId: storeIdColumn(),
    name: text('name').notNull(),
    createdAt: tstz('created_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('customer_groups_store_name_key').on(t.storeId, t.name)],
);
