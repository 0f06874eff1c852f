import { bigint, index, integer, jsonb, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { storeIdColumn, tstz } from './stores';

/** The durable inbox. `event_id` is the client's idempotency key, unique per store. */
export const events = pgTable(
  'events',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    storeId: storeIdColumn(),
    eventId: text('event_id').notNull(),
    type: text('type').notNull(),
    payload: jsonb('payload').notNull(),
    occurredAt: tstz('occurred_at'),
    receivedAt: tstz('received_at').notNull().defaultNow(),
    processedAt: tstz('processed_at'),
    /** The customer the event concerned, set when it was applied. */
    customerId: bigint('customer_id', { mode: 'number' }),
    /** Causal depth: 0 for outside events, parent + 1 for events our own actions caused. */
    depth: integer('depth').notNull().default(0),
    causeRunId: text('cause_run_id'),
    error: text('error'),
  },
  (t) => [
    uniqueIndex('events_store_event_key').on(t.storeId, t.eventId),
    index('events_store_received_idx').on(t.storeId, t.receivedAt),
  ],
);
