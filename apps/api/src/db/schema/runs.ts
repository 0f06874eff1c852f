import { bigint, index, integer, jsonb, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { workflowVersions, workflows } from './workflows';
import { childStoreIdColumn, tstz, uuidId } from './stores';

/** Run statuses: waiting runs resume later; skipped and cancelled runs carry a reason. */
export const runStatuses = ['running', 'waiting', 'completed', 'failed', 'skipped', 'cancelled'] as const;

/** One execution of a workflow version for one (event, customer); unique on the three. */
export const runs = pgTable(
  'runs',
  {
    id: uuidId(),
    storeId: childStoreIdColumn(),
    workflowId: uuid('workflow_id')
      .notNull()
      .references(() => workflows.id, { onDelete: 'cascade' }),
    workflowVersionId: uuid('workflow_version_id')
      .notNull()
      .references(() => workflowVersions.id, { onDelete: 'cascade' }),
    eventId: bigint('event_id', { mode: 'number' }),
    customerId: bigint('customer_id', { mode: 'number' }),
    triggerNodeId: text('trigger_node_id'),
    status: text('status', { enum: runStatuses }).notNull(),
    reason: text('reason'),
    error: text('error'),
    /** Engine state for a waiting run (resumed on the same version). */
    state: jsonb('state'),
    resumeAt: tstz('resume_at'),
    depth: integer('depth').notNull().default(0),
    startedAt: tstz('started_at').notNull().defaultNow(),
    finishedAt: tstz('finished_at'),
  },
  (t) => [
    uniqueIndex('runs_version_event_customer_key').on(t.workflowVersionId, t.eventId, t.customerId),
    index('runs_store_workflow_started_idx').on(t.storeId, t.workflowId, t.startedAt),
    index('runs_store_customer_idx').on(t.storeId, t.customerId),
  ],
);

/** The step trace of a run: which node was visited, which handle it took, what happened. */
export const runSteps = pgTable(
  'run_steps',
  {
    id: uuidId(),
    storeId: childStoreIdColumn(),
    runId: uuid('run_id')
      .notNull()
      .references(() => runs.id, { onDelete: 'cascade' }),
    seq: integer('seq').notNull(),
    nodeId: text('node_id').notNull(),
    nodeType: text('node_type').notNull(),
    status: text('status').notNull(),
    handle: text('handle'),
    detail: jsonb('detail'),
    at: tstz('at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('run_steps_run_seq_key').on(t.runId, t.seq)],
);

/** The exactly-once ledger: at most one row per (run, node), written with the action's effect. */
export const actionExecutions = pgTable(
  'action_executions',
  {
    id: uuidId(),
    storeId: childStoreIdColumn(),
    runId: uuid('run_id')
      .notNull()
      .references(() => runs.id, { onDelete: 'cascade' }),
    nodeId: text('node_id').notNull(),
    actionType: text('action_type').notNull(),
    status: text('status').notNull(),
    result: jsonb('result'),
    executedAt: tstz('executed_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('action_executions_run_node_key').on(t.runId, t.nodeId)],
);
