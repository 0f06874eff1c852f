import { createFactsLoader, executeRun } from '../worker/execute-run';
import type { PipelineDeps } from '../worker/process-event';
import { segmentTriggerByEvent } from './segment-events';

interface SegmentEventRow {
  id: string;
  store_id: string;
  type: keyof typeof segmentTriggerByEvent;
  payload: { segmentId?: string };
  depth: number;
  customer_id: string;
  time_zone: string;
}

/**
 * The `segment_event` task: routes a stored `segment.entered` / `segment.exited` to the active
 * versions with the matching segment trigger for THAT segment (others are not even opened), and
 * runs each with the pipeline's guards and ledger (runs unique per version + event + customer).
 */
export async function processSegmentEvent(deps: PipelineDeps, eventRowId: number): Promise<void> {
  const { rows } = await deps.pool.query<SegmentEventRow>(
    `SELECT e.id, e.store_id, e.type, e.payload, e.depth, e.customer_id, s.time_zone
     FROM events e JOIN stores s ON s.id = e.store_id WHERE e.id = $1`,
    [eventRowId],
  );
  const row = rows[0];
  const triggerType = row && segmentTriggerByEvent[row.type];
  const segmentId = row?.payload.segmentId;
  if (!row || !triggerType || !segmentId) return;
  const routes = (await deps.router.routes(row.store_id, triggerType)).filter((route) =>
    route.plan.triggers.some(
      (t) =>
        t.type === triggerType &&
        (route.plan.nodes.get(t.nodeId)?.config as { segmentId?: string } | undefined)?.segmentId ===
          segmentId,
    ),
  );
  if (routes.length === 0) return;
  const customerId = Number(row.customer_id);
  const facts = createFactsLoader(deps.pool, row.store_id, customerId);
  for (const route of routes) {
    await executeRun(
      deps,
      {
        storeId: row.store_id,
        eventId: Number(row.id),
        event: null,
        segmentId,
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
