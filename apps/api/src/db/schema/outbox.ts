import { bigint, index, integer, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { storeIdColumn, tstz, uuidId } from './stores';

/** Discount codes, unique per store; workflows create them per customer. */
export const coupons = pgTable(
  'coupons',
  {
    id: uuidId(),
    storeId: storeIdColumn(),
    code: text('code').notNull(),
    percentOff: integer('percent_off'),
    amountOff: bigint('amount_off', { mode: 'number' }),
    customerId: bigint('customer_id', { mode: 'number' }),
    runId: uuid('run_id'),
    expiresAt: tstz('expires_at'),
    /** Set once, by the first order event that carries the code (single use). */
    redeemedAt: tstz('redeemed_at'),
    redeemedOrderId: text('redeemed_order_id'),
    createdAt: tstz('created_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('coupons_store_code_key').on(t.storeId, t.code),
    index('coupons_store_created_idx').on(t.storeId, t.createdAt),
  ],
);

/** The email outbox: rendered messages with a stable idempotency key, retries and dead letters. */
export const emails = pgTable(
  'emails',
  {
    id: uuidId(),
    storeId: storeIdColumn(),
    idempotencyKey: text('idempotency_key').notNull(),
    customerId: bigint('customer_id', { mode: 'number' }),
    runId: uuid('run_id'),
    toAddress: text('to_address').notNull(),
    subject: text('subject').notNull(),
    body: text('body').notNull(),
    /** Plain-text alternative of `body` (which is HTML). */
    textBody: text('text_body'),
    /** `marketing` (customer emails, need consent) or `team` (notify_team). */
    kind: text('kind').notNull().default('marketing'),
    status: text('status', { enum: ['pending', 'captured', 'sent', 'failed', 'dead'] })
      .notNull()
      .default('pending'),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    nextAttemptAt: tstz('next_attempt_at'),
    sentAt: tstz('sent_at'),
    createdAt: tstz('created_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('emails_store_key').on(t.storeId, t.idempotencyKey),
    index('emails_store_created_idx').on(t.storeId, t.createdAt),
    index('emails_store_status_idx').on(t.storeId, t.status),
  ],
);
