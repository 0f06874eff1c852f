import { sql } from 'drizzle-orm';
import {
  bigint,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  smallint,
  text,
  uuid,
} from 'drizzle-orm/pg-core';
import { childStoreIdColumn, storeIdColumn, tstz } from './stores';
import { workflows } from './workflows';

/**
 * Counters of the runs whose path ended without an action or a wait (the condition said no):
 * per version, minute, node, step status and handle. `node_id` '' counts the runs themselves
 * (status `completed`). They are recorded per claimed batch instead of one `runs` row each, so a
 * store with 50 workflows does not write 50 rows per event; nothing is silent, every branch counts.
 */
export const pathCounters = pgTable(
  'path_counters',
  {
    storeId: childStoreIdColumn(),
    workflowId: uuid('workflow_id')
      .notNull()
      .references(() => workflows.id, { onDelete: 'cascade' }),
    workflowVersionId: uuid('workflow_version_id').notNull(),
    minute: tstz('minute').notNull(),
    nodeId: text('node_id').notNull(),
    status: text('status').notNull(),
    handle: text('handle').notNull().default(''),
    n: bigint('n', { mode: 'number' }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.workflowVersionId, t.minute, t.nodeId, t.status, t.handle] }),
    index('path_counters_store_workflow_minute_idx').on(t.storeId, t.workflowId, t.minute),
  ],
);

/**
 * What claimed batches added to `path_counters`, not yet folded into it: one row per batch and
 * store, written with the batch's gate rows (so exactly once), its counters as aligned arrays
 * (counter i: version `version_ids[i]` of workflow `workflow_ids[i]`, node, status, handle, `ns[i]`
 * runs). Workers fold them every second (worker/path-counter-fold.ts); the `path_counts` view reads
 * both, so counts are always current. (Upserting ~150 counter rows per batch cost Postgres more
 * than the rest of a small batch; JSON counters cost the fold 40 % of a core at 500 events/s.)
 */
export const pathCounterDeltas = pgTable(
  'path_counter_deltas',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    storeId: storeIdColumn(),
    minute: tstz('minute').notNull(),
    versionIds: uuid('version_ids').array().notNull(),
    workflowIds: uuid('workflow_ids').array().notNull(),
    nodeIds: text('node_ids').array().notNull(),
    statuses: text('statuses').array().notNull(),
    handles: text('handles').array().notNull(),
    ns: bigint('ns', { mode: 'number' }).array().notNull(),
  },
  (t) => [index('path_counter_deltas_store_idx').on(t.storeId, t.id)],
);

/**
 * One row per event whose routing finished: the gate that makes the path counters exactly-once
 * (counted in the same statement that inserts this row) and tells a retried job that the event's
 * routes are done. `counted` is how many action-free runs the event added to the counters.
 *
 * The same row records those runs for the run history, compactly (no `runs` row each): run i ran
 * version `run_versions[i]` (its workflow follows from the version) for `customer_id` at
 * `routed_at`, along path `paths[run_paths[i]]`. `paths` holds each distinct path once, a path
 * being an array of steps `[nodeId, status, handle]` (`''` for no handle) with the skip reason as a
 * fourth element on a skipped step. All three are null when the event had no action-free run.
 * Such a run's id is `e<event_id>-<version id>` (see routes/runs/recorded-runs.ts).
 */
export const eventRoutes = pgTable(
  'event_routes',
  {
    eventId: bigint('event_id', { mode: 'number' }).primaryKey(),
    storeId: storeIdColumn(),
    counted: integer('counted').notNull(),
    routedAt: tstz('routed_at').notNull().defaultNow(),
    customerId: bigint('customer_id', { mode: 'number' }),
    runVersions: uuid('run_versions').array(),
    runPaths: smallint('run_paths').array(),
    paths: jsonb('paths'),
  },
  (t) => [
    index('event_routes_store_routed_idx').on(t.storeId, t.routedAt).where(sql`${t.runVersions} IS NOT NULL`),
    index('event_routes_store_customer_routed_idx')
      .on(t.storeId, t.customerId, t.routedAt)
      .where(sql`${t.runVersions} IS NOT NULL`),
  ],
);
