import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildTestApp, orderEvent } from '../testing/test-app';
import { closeTestPool, createTestStore, getTestPool } from '../testing/test-database';
import { processEvents } from './process-event';
import { createPipelineDeps } from './start-worker';

// processEvents called directly on stored events, so the batch is exactly the events given.
let app: FastifyInstance;
let storeId: string;

beforeAll(async () => {
  app = await buildTestApp();
  storeId = await createTestStore();
});
afterAll(async () => {
  await app.close();
  await closeTestPool();
});

/** "No group yet → group First buyer": acts once per customer only if it sees its own action. */
const firstBuyerGraph = {
  schemaVersion: 1,
  nodes: [
    { id: 't1', type: 'trigger.order_created', position: { x: 0, y: 0 }, config: {} },
    {
      id: 'c1',
      type: 'condition.if',
      position: { x: 0, y: 100 },
      config: { condition: { all: [{ field: 'customer.group', op: 'is_not_set' }] } },
    },
    { id: 'a1', type: 'action.assign_group', position: { x: 0, y: 200 }, config: { group: 'First buyer' } },
  ],
  edges: [
    { id: 'e1', source: 't1', target: 'c1' },
    { id: 'e2', source: 'c1', sourceHandle: 'true', target: 'a1' },
  ],
};

async function activeWorkflow(graph: unknown): Promise<string> {
  const created = await app.inject({
    method: 'POST',
    url: `/api/stores/${storeId}/workflows`,
    payload: { name: 'First buyer', graph },
  });
  const { id } = created.json() as { id: string };
  for (const step of ['publish', 'activate']) {
    const res = await app.inject({ method: 'POST', url: `/api/stores/${storeId}/workflows/${id}/${step}` });
    expect(res.statusCode, res.body).toBe(200);
  }
  return id;
}

describe('processEvents over one claimed batch', () => {
  it("routes a customer's later event with the facts its earlier event's action changed", async () => {
    const workflowId = await activeWorkflow(firstBuyerGraph);
    // Stored without jobs: no worker of another test file may take them; this call is the batch.
    const pool = getTestPool();
    const batch = [orderEvent('batch-1', 1000), orderEvent('batch-1', 2000), orderEvent('batch-2', 500)];
    const { rows } = await pool.query<{ id: string }>(
      `INSERT INTO events (store_id, event_id, type, payload, occurred_at)
       SELECT $1, e->>'id', e->>'type', e, (e->>'occurredAt')::timestamptz FROM jsonb_array_elements($2::jsonb) e
       RETURNING id`,
      [storeId, JSON.stringify(batch)],
    );
    const deps = createPipelineDeps(pool);
    await deps.router.start();
    try {
      await processEvents(
        deps,
        rows.map((r) => Number(r.id)),
      );
    } finally {
      await deps.router.close();
    }
    const acted = await pool.query<{ external_id: string; n: number }>(
      `SELECT c.external_id, count(*)::int AS n FROM action_executions a
         JOIN runs r ON r.id = a.run_id JOIN customers c ON c.id = r.customer_id
       WHERE a.store_id = $1 AND r.workflow_id = $2 GROUP BY 1 ORDER BY 1`,
      [storeId, workflowId],
    );
    // batch-1's second order sees the group its first order's run assigned: no second action.
    expect(acted.rows).toEqual([
      { external_id: 'batch-1', n: 1 },
      { external_id: 'batch-2', n: 1 },
    ]);
  });
});
