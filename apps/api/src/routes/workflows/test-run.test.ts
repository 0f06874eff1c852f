import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, vipGraph } from '../../testing/test-app';
import { closeTestPool, createTestStore, getTestPool } from '../../testing/test-database';

let app: FastifyInstance;
let storeId: string;
let workflowId: string;

beforeAll(async () => {
  app = await buildTestApp();
  storeId = await createTestStore();
  const pool = getTestPool();
  await pool.query(`INSERT INTO customers (store_id, external_id) VALUES ($1, 'big'), ($1, 'small')`, [
    storeId,
  ]);
  await pool.query(
    `INSERT INTO customer_stats (store_id, customer_id, lifetime_spend, order_count)
     SELECT $1, id, 900000, 4 FROM customers WHERE store_id = $1 AND external_id = 'big'`,
    [storeId],
  );
  const res = await app.inject({
    method: 'POST',
    url: `/api/stores/${storeId}/workflows`,
    payload: { name: 'VIP', graph: vipGraph() },
  });
  workflowId = res.json().id;
});
afterAll(async () => {
  await app.close();
  await closeTestPool();
});

const testUrl = () => `/api/stores/${storeId}/workflows/${workflowId}/test`;

describe('test run (dry run for one customer)', () => {
  it('returns the path and the would-be actions for a big spender, and changes nothing', async () => {
    const res = await app.inject({ method: 'POST', url: testUrl(), payload: { customerId: 'big' } });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.steps.map((s: { nodeId: string }) => s.nodeId)).toEqual(['t1', 'c1', 'a1']);
    expect(body.steps[1].handle).toBe('true');
    expect(body.actions).toEqual([expect.objectContaining({ nodeId: 'a1', port: 'assignGroup' })]);
    const { rows } = await getTestPool().query(
      `SELECT group_name FROM customers WHERE store_id = $1 AND external_id = 'big'`,
      [storeId],
    );
    expect(rows[0].group_name).toBeNull();
  });

  it('takes the false branch for a customer without orders, using the unsaved graph sent', async () => {
    const res = await app.inject({
      method: 'POST',
      url: testUrl(),
      payload: { customerId: 'small', graph: vipGraph() },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().steps.map((s: { handle?: string }) => s.handle)).toEqual(['next', 'false']);
    expect(res.json().actions).toEqual([]);
  });

  it('answers 404 customer_not_found and 422 for an invalid graph, never 500', async () => {
    const missing = await app.inject({ method: 'POST', url: testUrl(), payload: { customerId: 'nobody' } });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.code).toBe('customer_not_found');
    const invalid = await app.inject({
      method: 'POST',
      url: testUrl(),
      payload: { customerId: 'big', graph: { schemaVersion: 1, nodes: [], edges: 'x' } },
    });
    expect(invalid.statusCode).toBe(422);
    const badEvent = await app.inject({
      method: 'POST',
      url: testUrl(),
      payload: { customerId: 'big', event: { type: 'order.created' } },
    });
    expect(badEvent.statusCode).toBe(400);
    expect(badEvent.json().error.message).toMatch(/^event\./);
  });
});
