import { sql } from 'drizzle-orm';
import { jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/** A tenant. Its text id (`demo` for the demo store) is the `store_id` every other table carries. */
export const stores = pgTable('stores', {
  id: text('id').primaryKey(),
  /** Present so that "every table has store_id" holds here too; always equals `id`. */
  storeId: text('store_id').notNull().generatedAlwaysAs(sql`id`),
  name: text('name').notNull(),
  timeZone: text('time_zone').notNull().default('UTC'),
  currency: text('currency').notNull().default('USD'),
  settings: jsonb('settings').notNull().default({}),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Marker for every row's tenant column: text, not null, references stores. */
export const storeIdColumn = () =>
  text('store_id')
    .notNull()
    .references(() => stores.id, { onDelete: 'cascade' });

/**
 * `store_id` of high-volume rows that belong to a parent row which itself cascades from the store
 * (an order's items, a run's steps and ledger, a workflow's counters): no foreign key of its own.
 * Each FK check locks the store's single row (FOR KEY SHARE), which every writer of the store would
 * share (multixacts) on every inserted row; the parent's key already ties the row to the store and
 * deletes it with it.
 */
export const childStoreIdColumn = () => text('store_id').notNull();

/** Primary key column for the tables that use uuids. */
export const uuidId = () => uuid('id').primaryKey().defaultRandom();

/** A `timestamptz` column (all times are UTC). */
export const tstz = (name: string) => timestamp(name, { withTimezone: true });
