import {
  bigint,
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
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
    /**
     * Taken by the API process that stored it, to execute inline, with no job: should that process
     * fail it or die, the inline sweep (worker/inline-sweep.ts) enqueues one.
     */
    inline: boolean('inline').notNull().default(false),
  },
  (t) => [
    uniqueIndex('events_store_event_key').on(t.storeId, t.eventId),
    index('events_store_received_idx').on(t.storeId, t.receivedAt),
  ],
);

/**
 * How far the inline sweep has looked at a store's events (by `received_at`): every inline event
 * received up to `swept_to` is finished or has a job.
 */
export const eventSweeps = pgTable(
  'event_sweeps',
  {
    storeId: storeIdColumn(),
    sweptTo: tstz('swept_to').notNull(),
  },
  (t) => [primaryKey({ columns: [t.storeId] })],
);
