import { StoreEventSchema } from '@segflow/schema';
import { sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { refreshCustomerSegments } from '../segments/membership-live';
import { applyEvent } from './apply-event';
import { createFactsLoader, executeRun, type RunDeps } from './execute-run';
import { triggerTypeByEvent } from './trigger-types';
import type { WorkflowRouter } from './workflow-router';

/** What the `apply_event` task needs. */
export interface PipelineDeps extends RunDeps {
  router: WorkflowRouter;
  db: Db;
}

interface EventRow {
  id: string;
  store_id: string;
  type: string;
  payload: unknown;
  depth: number;
  processed_at: Date | null;
  customer_id: string | null;
  time_zone: string;
}

/**
 * The `apply_event` task: apply the stored event once (marked `processed_at` in the same
 * transaction), then route it to the store's active versions and run each. A retry skips the
 * apply and re-runs only what did not finish.
 */
export async function processEvent(deps: PipelineDeps, eventRowId: number): Promise<void> {
  const { rows } = await deps.pool.query<EventRow>(
    `SELECT e.id, e.store_id, e.type, e.payload, e.depth, e.processed_at, e.customer_id, s.time_zone
     FROM events e JOIN stores s ON s.id = e.store_id WHERE e.id = $1`,
    [eventRowId],
  );
  const row = rows[0];
  if (!row) return;
  const parsed = StoreEventSchema.safeParse(row.payload);
  if (!parsed.success) {
    await deps.pool.query(`UPDATE events SET processed_at = now(), error = $2 WHERE id = $1`, [
      row.id,
      parsed.error.message.slice(0, 2000),
    ]);
    return;
  }
  const event = parsed.data;
  const customerId = row.processed_at ? Number(row.customer_id) : await applyOnce(deps.db, row, event);
  if (customerId)
    await refreshCustomerSegments(deps.pool, row.store_id, customerId, {
      eventRowId: Number(row.id),
      depth: row.depth,
    });
  const triggerType = triggerTypeByEvent[event.type];
  if (!triggerType || !customerId) return;
  const routes = await deps.router.routes(row.store_id, triggerType);
  const facts = createFactsLoader(deps.pool, row.store_id, customerId);
  for (const route of routes) {
    await executeRun(
      deps,
      {
        storeId: row.store_id,
        eventId: Number(row.id),
        event,
        customerId,
        depth: row.depth,
        timeZone: row.time_zone,
        triggerType,
        facts,
      },
      route,
    );
  }
}

async function applyOnce(db: Db, row: EventRow, event: Parameters<typeof applyEvent>[2]): Promise<number> {
  return db.transaction(async (tx) => {
    const claimed = await tx.execute<{ customer_id: string | null; processed_at: Date | null }>(
      sql`SELECT customer_id, processed_at FROM events WHERE id = ${Number(row.id)} FOR UPDATE`,
    );
    const current = claimed.rows[0];
    if (current?.processed_at) return Number(current.customer_id);
    const applied = await applyEvent(tx, row.store_id, event);
    await tx.execute(
      sql`UPDATE events SET processed_at = now(), customer_id = ${applied.customerId} WHERE id = ${Number(row.id)}`,
    );
    return applied.customerId;
  });
}
