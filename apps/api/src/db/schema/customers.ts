import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { childStoreIdColumn, storeIdColumn, tstz } from './stores';

/** A store's customer. Column names are the contract of the engine's SQL compiler (alias `c`). */
export const customers = pgTable(
  'customers',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    storeId: storeIdColumn(),
    externalId: text('external_id').notNull(),
    email: text('email'),
    firstName: text('first_name'),
    lastName: text('last_name'),
    company: text('company'),
    phone: text('phone'),
    gender: text('gender'),
    birthDate: date('birth_date', { mode: 'string' }),
    country: text('country'),
    state: text('state'),
    city: text('city'),
    zip: text('zip'),
    acceptsMarketing: boolean('accepts_marketing').notNull().default(false),
    groupName: text('group_name'),
    tags: text('tags').array().notNull().default(sql`'{}'::text[]`),
    attributes: jsonb('attributes').$type<Record<string, unknown>>().notNull().default({}),
    createdAt: tstz('created_at').notNull().defaultNow(),
    updatedAt: tstz('updated_at').notNull().defaultNow(),
    /** occurredAt of the last event applied to the profile: older events never overwrite newer. */
    sourceUpdatedAt: tstz('source_updated_at'),
  },
  (t) => [
    uniqueIndex('customers_store_external_key').on(t.storeId, t.externalId),
    // The store's customer ids, narrow: joins to customer_stats / order lines read it index-only
    // instead of the wide heap (segment preview; see docs/segments.md).
    index('customers_store_id_idx').on(t.storeId, t.id),
    index('customers_store_email_idx').on(t.storeId, sql`lower(${t.email})`),
    index('customers_store_state_idx').on(t.storeId, t.state),
    // The engine's folded state / country verbatim (conditionToSql): index scans for selective values,
    // and statistics on the expression so the planner estimates `= 'us'` (85%) instead of 0.5%.
    index('customers_store_state_fold_idx').on(t.storeId, sql`lower((NULLIF(${t.state}, '')) COLLATE "C")`),
    index('customers_store_country_fold_idx').on(
      t.storeId,
      sql`lower((NULLIF(${t.country}, '')) COLLATE "C")`,
    ),
  ],
);

/** Order aggregates per customer, maintained incrementally on every order event (alias `s`). */
export const customerStats = pgTable(
  'customer_stats',
  {
    storeId: childStoreIdColumn(),
    customerId: bigint('customer_id', { mode: 'number' })
      .notNull()
      .references(() => customers.id, { onDelete: 'cascade' }),
    lifetimeSpend: bigint('lifetime_spend', { mode: 'number' }).notNull().default(0),
    orderCount: integer('order_count').notNull().default(0),
    averageOrderValue: bigint('average_order_value', { mode: 'number' }).notNull().default(0),
    firstOrderAt: tstz('first_order_at'),
    lastOrderAt: tstz('last_order_at'),
  },
  (t) => [
    primaryKey({ columns: [t.storeId, t.customerId] }),
    index('customer_stats_store_spend_idx').on(t.storeId, t.lifetimeSpend),
  ],
);
