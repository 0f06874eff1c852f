import { bigint, date, index, integer, jsonb, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { storeIdColumn, tstz, uuidId } from './stores';

/** A saved condition tree over customers. */
export const segments = pgTable(
  'segments',
  {
    id: uuidId(),
    storeId: storeIdColumn(),
    name: text('name').notNull(),
    description: text('description'),
    condition: jsonb('condition').notNull(),
    createdAt: tstz('created_at').notNull().defaultNow(),
    updatedAt: tstz('updated_at').notNull().defaultNow(),
    /** When memberships were last recomputed set-based (save, schedule). */
    evaluatedAt: tstz('evaluated_at'),
  },
  (t) => [index('segments_store_idx').on(t.storeId)],
);

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
  (t) => [
    primaryKey({ columns: [t.storeId, t.segmentId, t.customerId] }),
    /** A customer's segments (live re-evaluation reads them per event). */
    index('segment_memberships_store_customer_idx').on(t.storeId, t.customerId),
  ],
);

/** A segment's size once a day (history for the segment page). */
export const segmentSnapshots = pgTable(
  'segment_snapshots',
  {
    storeId: storeIdColumn(),
    segmentId: uuid('segment_id')
      .notNull()
      .references(() => segments.id, { onDelete: 'cascade' }),
    day: date('day', { mode: 'string' }).notNull(),
    size: integer('size').notNull(),
    takenAt: tstz('taken_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.storeId, t.segmentId, t.day] })],
);
