import { bigint, jsonb, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { customers } from './customers';
import { storeIdColumn, tstz, uuidId } from './stores';

/** A shopping cart; `status` is open | abandoned | converted. */
export const carts = pgTable(
  'carts',
  {
    id: uuidId(),
    storeId: storeIdColumn(),
    customerId: bigint('customer_id', { mode: 'number' }).references(() => customers.id, {
      onDelete: 'cascade',
    }),
    externalId: text('external_id').notNull(),
    total: bigint('total', { mode: 'number' }).notNull().default(0),
    items: jsonb('items').$type<unknown[]>().notNull().default([]),
    recoveryUrl: text('recovery_url'),
    status: text('status', { enum: ['open', 'abandoned', 'converted'] })
      .notNull()
      .default('open'),
    abandonedAt: tstz('abandoned_at'),
    updatedAt: tstz('updated_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('carts_store_external_key').on(t.storeId, t.externalId)],
);
