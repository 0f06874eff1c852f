import { compile, run } from '@segflow/engine';
import { dryRunPorts } from '@segflow/engine/testing';
import { type NodeType, StoreEventSchema, type WorkflowGraph } from '@segflow/schema';
import type pg from 'pg';
import { AppError } from '../../errors';
import { loadCustomerFacts } from '../../worker/customer-facts';
import { triggerTypeByEvent } from '../../worker/trigger-types';
import { invalidGraph } from './publish.service';
import type { WorkflowRepository } from './workflows.repository';

/** A dry run for one customer: the draft (or the graph sent), optionally with a sample event. */
export interface TestRunRequest {
  /** The unsaved graph on the canvas; the stored draft when omitted. */
  graph?: unknown;
  /** Numeric id or external id of the customer. */
  customerId: string;
  /** A sample canonical event; without it the first trigger fires with no event. */
  event?: unknown;
}

/**
 * Runs the workflow for one customer with dry-run ports (DESIGN §5): the path taken, each step's
 * result and the would-be actions, with no effect. Conditions see the customer as stored now.
 */
export async function testRunWorkflow(
  pool: pg.Pool,
  repo: WorkflowRepository,
  storeId: string,
  id: string,
  req: TestRunRequest,
) {
  const graph = (req.graph ?? (await repo.row(storeId, id)).graph) as WorkflowGraph;
  const compiled = compile(graph);
  if (!compiled.ok) throw invalidGraph(compiled.issues);
  const plan = compiled.plan;
  const event = req.event === undefined ? null : parseEvent(req.event);
  const triggerType = event ? triggerTypeByEvent[event.type] : plan.triggerTypes[0];
  if (!triggerType || !(plan.triggerTypes as readonly string[]).includes(triggerType)) {
    throw new AppError(
      'validation_failed',
      `No trigger of this workflow fires on ${event?.type ?? 'a test run'}`,
    );
  }
  const customerId = await resolveCustomer(pool, storeId, req.customerId);
  const customer = await loadCustomerFacts(pool, storeId, customerId, plan.needs);
  if (!customer) throw new AppError('customer_not_found', `Customer ${req.customerId} does not exist`);
  const ports = dryRunPorts({ now: () => new Date() });
  const result = await run(
    plan,
    { storeId, runId: `test-${id}`, triggerType: triggerType as NodeType, event, customer },
    ports,
  );
  return {
    status: result.status,
    customerId: Number(customerId),
    steps: result.steps,
    actions: ports.wouldDo().map((call) => ({ nodeId: call.nodeId, port: call.port, request: call.request })),
    wait: result.wait ? { nodeId: result.wait.nodeId, dueAt: result.wait.dueAt } : null,
  };
}

function parseEvent(raw: unknown) {
  const parsed = StoreEventSchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const first = parsed.error.issues[0];
  throw new AppError(
    'validation_failed',
    `event.${first?.path.join('.') ?? ''}: ${first?.message ?? 'invalid'}`,
  );
}

async function resolveCustomer(pool: pg.Pool, storeId: string, idOrExternal: string): Promise<string> {
  const numeric = /^\d{1,15}$/.test(idOrExternal) ? idOrExternal : null;
  const { rows } = await pool.query<{ id: string }>(
    `SELECT id FROM customers WHERE store_id = $1 AND (id = $2::bigint OR external_id = $3)
     ORDER BY (id = $2::bigint) DESC LIMIT 1`,
    [storeId, numeric, idOrExternal],
  );
  if (!rows[0]) throw new AppError('customer_not_found', `Customer ${idOrExternal} does not exist`);
  return rows[0].id;
}
