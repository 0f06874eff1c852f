import { bigint, index, integer, jsonb, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { storeIdColumn, tstz, uuidId } from './stores';

/** The webhook outbox: one signed POST per `action.http_request`, retried with backoff, dead-lettered. */
export const webhookDeliveries = pgTable(
  'webhook_deliveries',
  {
    id: uuidId(),
    storeId: storeIdColumn(),
    idempotencyKey: text('idempotency_key').notNull(),
    runId: uuid('run_id'),
    customerId: bigint('customer_id', { mode: 'number' }),
    url: text('url').notNull(),
    body: text('body').notNull(),
    status: text('status', { enum: ['pending', 'sent', 'failed', 'dead'] })
      .notNull()
      .default('pending'),
    attempts: integer('attempts').notNull().default(0),
    responseStatus: integer('response_status'),
    lastError: text('last_error'),
    nextAttemptAt: tstz('next_attempt_at'),
    sentAt: tstz('sent_at'),
    createdAt: tstz('created_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('webhook_deliveries_store_key').on(t.storeId, t.idempotencyKey),
    index('webhook_deliveries_store_created_idx').on(t.storeId, t.createdAt),
  ],
);

/** A backfill: a published version applied to every customer a condition matched, in batches. */
export const backfills = pgTable(
  'backfills',
  {
    id: uuidId(),
    /** Small positive number; runs of this backfill use `event_id = -seq` (stable per customer). */
    seq: bigint('seq', { mode: 'number' }).notNull().generatedAlwaysAsIdentity(),
    storeId: storeIdColumn(),
    workflowId: uuid('workflow_id').notNull(),
    workflowVersionId: uuid('workflow_version_id').notNull(),
    condition: jsonb('condition'),
    status: text('status', { enum: ['running', 'completed', 'cancelled', 'failed'] })
      .notNull()
      .default('running'),
    total: integer('total').notNull(),
    done: integer('done').notNull().default(0),
    lastCustomerId: bigint('last_customer_id', { mode: 'number' }).notNull().default(0),
    error: text('error'),
    startedAt: tstz('started_at').notNull().defaultNow(),
    finishedAt: tstz('finished_at'),
  },
  (t) => [
    uniqueIndex('backfills_seq_key').on(t.seq),
    index('backfills_store_workflow_idx').on(t.storeId, t.workflowId),
  ],
);
