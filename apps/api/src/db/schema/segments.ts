import { bigint, jsonb, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { storeIdColumn, tstz, uuidId } from './stores';

/** A saved condition tree over customers. */
export const segments = pgTable('segments', {
  id: uuidId(),
  storeId: storeIdColumn(),
  name: text('name').notNull(),
  condition: jsonb('condition').notNull(),
  createdAt: tstz('created_at').notNull().defaultNow(),
  updatedAt: tstz('updated_at').notNull().defaultNow(),
});

/** Who is in a segment now (alias `sm` in the engine's SQL). */
export const segmentMemberships = pgTable(
  'segment_memberships',
  {
    storeId: storeIdColumn(),
    segmentId: uuid('segment_id')
      .notNull()
      .references(() => segments.id, { onDelete: 'cascade' }),
    customerId: bigint('customer_id', { mode: 'number' }).notNull(),
    enteredAt: tstz('entered_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.storeId, t.segmentId, t.customerId] })],
);
