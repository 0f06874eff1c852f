import { compile, run } from '@segflow/engine';
import { dryRunPorts } from '@segflow/engine/testing';
import { type NodeType, StoreEventSchema } from '@segflow/schema';
import type pg from 'pg';
import { AppError } from '../../errors';
import { loadCustomerFacts } from '../../worker/customer-facts';
import { triggerTypeByEvent } from '../../worker/trigger-types';
import { invalidGraph } from './publish.service';
import type { WorkflowRepository } from './workflows.repository';

/** What to backtest: the draft (default) or a published version, over the last N events or a range. */
export interface BacktestRequest {
  version?: number;
  limit: number;
  since?: string;
  until?: string;
}

/**
 * Runs a workflow over stored events with dry-run ports: per event the path and the would-be
 * actions, plus totals. Nothing is written. Customers are read as they are now.
 */
export async function backtestWorkflow(
  pool: pg.Pool,
  repo: WorkflowRepository,
  storeId: string,
  id: string,
  req: BacktestRequest,
) {
  const graph =
    req.version === undefined
      ? (await repo.row(storeId, id)).graph
      : await versionGraph(repo, storeId, id, req.version);
  const compiled = compile(graph);
  if (!compiled.ok) throw invalidGraph(compiled.issues);
  const plan = compiled.plan;
  const eventTypes = Object.entries(triggerTypeByEvent)
    .filter(([, trigger]) => trigger && (plan.triggerTypes as readonly string[]).includes(trigger))
    .map(([type]) => type);
  const { rows } = await pool.query<{
    id: string;
    event_id: string;
    payload: unknown;
    customer_id: string | null;
  }>(
    `SELECT id, event_id, payload, customer_id FROM events
     WHERE store_id = $1 AND type = ANY($2) AND customer_id IS NOT NULL
       AND ($3::timestamptz IS NULL OR received_at >= $3) AND ($4::timestamptz IS NULL OR received_at <= $4)
     ORDER BY received_at DESC, id DESC LIMIT $5`,
    [storeId, eventTypes, req.since ?? null, req.until ?? null, req.limit],
  );
  const results = [];
  const totals = {
    events: rows.length,
    completed: 0,
    waiting: 0,
    failed: 0,
    actions: {} as Record<string, number>,
  };
  for (const row of rows.reverse()) {
    const event = StoreEventSchema.safeParse(row.payload);
    const customer = event.success && (await loadCustomerFacts(pool, storeId, row.customer_id!, plan.needs));
    if (!event.success || !customer) continue;
    const ports = dryRunPorts({ now: () => new Date(event.data.occurredAt) });
    const result = await run(
      plan,
      {
        storeId,
        runId: `backtest-${row.id}`,
        triggerType: triggerTypeByEvent[event.data.type] as NodeType,
        event: event.data,
        customer,
      },
      ports,
    );
    totals[result.status] += 1;
    const actions = ports
      .wouldDo()
      .map((call) => ({ nodeId: call.nodeId, port: call.port, request: call.request }));
    for (const a of actions) totals.actions[a.port] = (totals.actions[a.port] ?? 0) + 1;
    results.push({
      eventId: row.event_id,
      customerId: Number(row.customer_id),
      status: result.status,
      path: result.steps.map((s) => ({
        nodeId: s.nodeId,
        status: s.status,
        handle: s.handle ?? null,
        skipReason: s.skipReason ?? null,
      })),
      actions,
    });
  }
  return { items: results, totals };
}

async function versionGraph(repo: WorkflowRepository, storeId: string, id: string, version: number) {
  const found = (await repo.versions(storeId, id)).find((v) => v.version === version);
  if (!found) throw new AppError('not_found', `Version ${version} does not exist`);
  return found.graph;
}
