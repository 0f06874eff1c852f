import { type StoreEvent, StoreEventSchema } from '@segflow/schema';
import type pg from 'pg';
import type { Db } from '../db/client';
import { named } from '../db/named-statement';
import { refreshCustomerSegments } from '../segments/membership-live';
import { applyBatch, customerKey } from './apply-batch';
import { createCustomerLocks } from './customer-locks';
import { createFactsLoader, type RunDeps } from './execute-run';
import { createPathTally, type PathTally } from './path-tally';
import { routeEvent } from './route-event';
import type { RunStore } from './run-store';
import { sealableRoute } from './sealed-runs';
import { MAX_CAUSAL_DEPTH, triggerTypeByEvent } from './trigger-types';
import type { Route, WorkflowRouter } from './workflow-router';

/** What the `apply_event` task needs. */
export interface PipelineDeps extends RunDeps {
  router: WorkflowRouter;
  /** Over `writePool` when given (apply, runs and counters; see async-commit-pool.ts). */
  db: Db;
  /** Where the pipeline's own bookkeeping is written; `pool` when absent. */
  writePool?: pg.Pool;
}

/** A stored event as the pipeline reads it back. */
export interface EventRow {
  id: string;
  store_id: string;
  type: string;
  payload: unknown;
  depth: number;
  time_zone: string;
  /** Its `event_routes` row exists: routing finished. */
  routed: boolean;
}

/** A stored event and its parsed body, ready to process. */
export interface LoadedEvent {
  row: EventRow;
  event: StoreEvent;
}

const loadSql = `
SELECT e.id, e.store_id, e.type, e.payload, e.depth, s.time_zone,
       (r.event_id IS NOT NULL) AS routed
FROM events e JOIN stores s ON s.id = e.store_id LEFT JOIN event_routes r ON r.event_id = e.id
WHERE e.id = ANY($1::bigint[]) ORDER BY e.id`;

/**
 * The `apply_event` task over a claimed batch of events: one read; one apply transaction (every
 * event applied once, marked `processed_at` with it); then its events routed in id order to the
 * store's active versions; action-free runs counted and recorded, sealed runs written, and every
 * event marked routed, in one final statement. A retry skips what is applied and what is routed,
 * and re-runs only what did not finish (runs are unique per version + event + customer, actions
 * per run + node, sealed runs per event gate). The batch holds its customers' locks throughout.
 *
 * (Splitting a batch into parts by customer, applied and routed side by side, measured worse in
 * `pnpm bench pipeline`: each part wrote its own path counters, ~150 rows, and CPU per execution
 * was 1.7–2.0 ms with four parts against 1.2–1.4 ms with one.)
 */
export async function processEvents(deps: PipelineDeps, eventRowIds: number[]): Promise<void> {
  const { rows } = await deps.pool.query<EventRow>(named(loadSql, [eventRowIds]));
  const batch: LoadedEvent[] = [];
  for (const row of rows) {
    const parsed = StoreEventSchema.safeParse(row.payload);
    if (parsed.success) batch.push({ row, event: parsed.data });
    else
      await deps.pool.query(`UPDATE events SET processed_at = now(), error = $2 WHERE id = $1`, [
        row.id,
        parsed.error.message.slice(0, 2000),
      ]);
  }
  await processLoadedEvents(deps, batch);
}

/**
 * Processes events already loaded and parsed (what the inline executor has in hand from ingest),
 * under their customers' locks: see {@link processEvents}.
 */
export async function processLoadedEvents(deps: PipelineDeps, batch: LoadedEvent[]): Promise<void> {
  await customerLocks.run(
    batch.map(({ row, event }) => `${row.store_id}\u0000${customerKey(event)}`),
    () => processBatch(deps, batch),
  );
}

/**
 * The parsed batch, under its customers' locks: applied and routed; then its runs that ended are
 * finished and its gate rows, counters and sealed runs written (in that order: an event is marked
 * routed only once its runs are finished). Segments are re-evaluated for customers whose profile
 * the sealed runs changed, now that the change is written.
 */
async function processBatch(deps: PipelineDeps, batch: LoadedEvent[]): Promise<void> {
  const tally = createPathTally();
  const finished: Parameters<RunStore['finishMany']>[0] = [];
  // Runs that ended are finished together at the end of the batch (waits at once: they schedule).
  const batchDeps: PipelineDeps = {
    ...deps,
    runs: {
      ...deps.runs,
      async finish(storeId, runId, result, fromSeq = 0) {
        if (result.wait) return deps.runs.finish(storeId, runId, result, fromSeq);
        finished.push({ storeId, runId, result, fromSeq });
        return true;
      },
    },
  };
  const sealedChanges = await applyAndRoute(batchDeps, batch, tally);
  await deps.runs.finishMany(finished);
  await tally.flush(deps.writePool ?? deps.pool);
  for (const [customerId, cause] of sealedChanges)
    await refreshCustomerSegments(deps.pool, cause.storeId, customerId, cause);
}

/** This process's batches run side by side; a customer's events never do (see customer-locks.ts). */
const customerLocks = createCustomerLocks();

/** The customer's last sealed change in the batch: its store and the event that caused it. */
type SealedCause = { storeId: string; eventRowId: number; depth: number };

/**
 * Applies the batch and routes its events in order. A customer's runs are sealed (sealed-runs.ts)
 * only when every route of every one of its events in the batch is sealable: sealed changes are
 * written at the end of the batch, so no run of that customer may write its profile before then.
 * Returns the customers whose profile sealed runs changed.
 */
async function applyAndRoute(
  deps: PipelineDeps,
  batch: LoadedEvent[],
  tally: PathTally,
): Promise<Map<number, SealedCause>> {
  // Events still to route: their customers' facts are read with the apply.
  const toRoute = new Set(
    batch
      .filter(({ row, event }) => !row.routed && triggerTypeByEvent[event.type])
      .map(({ row }) => Number(row.id)),
  );
  const { customers, facts } = await applyBatch(
    deps.writePool ?? deps.pool,
    batch.map(({ row, event }) => ({ id: Number(row.id), storeId: row.store_id, event })),
    (item) => toRoute.has(item.id),
  );
  const routesOf = new Map<number, Route[]>();
  const unsealable = new Set<string>();
  for (const { row, event } of batch) {
    const triggerType = triggerTypeByEvent[event.type];
    if (!triggerType || !toRoute.has(Number(row.id))) continue;
    const routes = await deps.router.routes(row.store_id, triggerType);
    routesOf.set(Number(row.id), routes);
    if (row.depth >= MAX_CAUSAL_DEPTH || !routes.every((route) => sealableRoute(route, triggerType)))
      unsealable.add(`${row.store_id}\u0000${customers.get(Number(row.id))}`);
  }
  const sealed = new Map<number, SealedCause>();
  for (const { row, event } of batch) {
    const customerId = customers.get(Number(row.id));
    if (customerId)
      await refreshCustomerSegments(deps.pool, row.store_id, customerId, {
        eventRowId: Number(row.id),
        depth: row.depth,
      });
    const triggerType = triggerTypeByEvent[event.type];
    const routes = routesOf.get(Number(row.id));
    if (!triggerType || !customerId || !routes) continue;
    const trigger = {
      storeId: row.store_id,
      eventId: Number(row.id),
      event,
      customerId,
      depth: row.depth,
      timeZone: row.time_zone,
      triggerType,
      facts: createFactsLoader(deps.pool, row.store_id, customerId, facts.get(row.store_id)),
    };
    const seal = !unsealable.has(`${row.store_id}\u0000${customerId}`);
    const { sealedChanges } = await routeEvent(deps, trigger, routes, tally, seal);
    if (sealedChanges)
      sealed.set(customerId, { storeId: row.store_id, eventRowId: Number(row.id), depth: row.depth });
  }
  return sealed;
}

/** The `apply_event` task for one event (tests and callers outside the batching task). */
export async function processEvent(deps: PipelineDeps, eventRowId: number): Promise<void> {
  await processEvents(deps, [eventRowId]);
}
