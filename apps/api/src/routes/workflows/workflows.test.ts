import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, orderEvent, vipGraph } from '../../testing/test-app';
import { closeTestPool, createTestStore, getTestPool } from '../../testing/test-database';

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

const base = () => `/api/stores/${storeId}/workflows`;

async function createWorkflow(graph: unknown = vipGraph()) {
  const res = await app.inject({ method: 'POST', url: base(), payload: { name: 'VIP', graph } });
  expect(res.statusCode).toBe(201);
  return res.json() as { id: string; revision: number };
}

describe('workflows API', () => {
  it('creates, lists, reads and deletes a workflow', async () => {
    const created = await createWorkflow();
    expect(created.revision).toBe(1);
    const list = await app.inject({ url: base() });
    expect(list.json().items.map((w: { id: string }) => w.id)).toContain(created.id);
    expect(list.json().items[0]).toMatchObject({
      triggerTypes: ['trigger.order_created'],
      publishedVersion: null,
    });
    const read = await app.inject({ url: `${base()}/${created.id}` });
    expect(read.json().graph.nodes).toHaveLength(3);
    expect((await app.inject({ method: 'DELETE', url: `${base()}/${created.id}` })).statusCode).toBe(204);
    expect((await app.inject({ url: `${base()}/${created.id}` })).statusCode).toBe(404);
  });

  it('bumps the revision on save and answers 409 stale_revision to a stale one', async () => {
    const { id } = await createWorkflow();
    const ok = await app.inject({
      method: 'PUT',
      url: `${base()}/${id}`,
      payload: { graph: vipGraph(), revision: 1 },
    });
    expect(ok.json().revision).toBe(2);
    const stale = await app.inject({
      method: 'PUT',
      url: `${base()}/${id}`,
      payload: { graph: vipGraph(), revision: 1 },
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error).toMatchObject({ code: 'stale_revision', details: { currentRevision: 2 } });
  });

  it('publishes immutable versions, refuses invalid graphs with 422 and issues, and toggles on/off', async () => {
    const bad = await createWorkflow({ schemaVersion: 1, nodes: [], edges: [] });
    const refused = await app.inject({ method: 'POST', url: `${base()}/${bad.id}/publish` });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error.code).toBe('invalid_graph');
    expect(refused.json().issues.length).toBeGreaterThan(0);
    expect((await app.inject({ method: 'POST', url: `${base()}/${bad.id}/activate` })).statusCode).toBe(422);

    const { id } = await createWorkflow();
    const v1 = await app.inject({
      method: 'POST',
      url: `${base()}/${id}/publish`,
      payload: { note: 'first' },
    });
    expect(v1.statusCode).toBe(200);
    expect(v1.json().publishedVersion).toBe(1);
    await app.inject({
      method: 'PUT',
      url: `${base()}/${id}`,
      payload: { name: 'VIP 2', graph: vipGraph(), revision: 1 },
    });
    expect(
      (await app.inject({ method: 'POST', url: `${base()}/${id}/publish` })).json().publishedVersion,
    ).toBe(2);
    const versions = await app.inject({ url: `${base()}/${id}/versions` });
    expect(versions.json().items.map((v: { version: number }) => v.version)).toEqual([2, 1]);
    const on = await app.inject({ method: 'POST', url: `${base()}/${id}/activate` });
    expect(on.json().active).toBe(true);
    const off = await app.inject({ method: 'POST', url: `${base()}/${id}/deactivate` });
    expect(off.json().active).toBe(false);
  });

  it('validates a graph: 200 with no issues, 422 invalid_graph with located issues', async () => {
    const ok = await app.inject({
      method: 'POST',
      url: `${base()}/validate`,
      payload: { graph: vipGraph() },
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toEqual({ issues: [] });
    const graph = vipGraph();
    (graph.nodes[2] as { config: unknown }).config = {};
    const bad = await app.inject({ method: 'POST', url: `${base()}/validate`, payload: { graph } });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().issues[0]).toMatchObject({ nodeId: 'a1' });
  });

  it('answers 404 for an unknown store and 400 naming the field for a bad body', async () => {
    const missing = await app.inject({ url: '/api/stores/nope/workflows' });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.code).toBe('store_not_found');
    const bad = await app.inject({ method: 'POST', url: base(), payload: { name: '', graph: vipGraph() } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toMatch(/name/);
  });
});

describe('backtest', () => {
  it('dry-runs the draft over stored events and writes nothing', async () => {
    const { id } = await createWorkflow();
    const pool = getTestPool();
    await pool.query(`INSERT INTO customers (store_id, external_id) VALUES ($1, 'bt-1')`, [storeId]);
    await pool.query(
      `INSERT INTO customer_stats (store_id, customer_id, lifetime_spend, order_count)
       SELECT $1, id, 900000, 3 FROM customers WHERE store_id = $1 AND external_id = 'bt-1'`,
      [storeId],
    );
    const event = orderEvent('bt-1', 1000);
    await pool.query(
      `INSERT INTO events (store_id, event_id, type, payload, processed_at, customer_id)
       SELECT $1, $2, 'order.created', $3::jsonb, now(), id FROM customers WHERE store_id = $1 AND external_id = 'bt-1'`,
      [storeId, event.id, JSON.stringify(event)],
    );
    const res = await app.inject({ method: 'POST', url: `${base()}/${id}/backtest`, payload: { limit: 10 } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().totals).toMatchObject({ events: 1, completed: 1, actions: { assignGroup: 1 } });
    expect(res.json().items[0].path.map((s: { nodeId: string }) => s.nodeId)).toEqual(['t1', 'c1', 'a1']);
    const { rows } = await pool.query(
      `SELECT group_name FROM customers WHERE store_id = $1 AND external_id = 'bt-1'`,
      [storeId],
    );
    expect(rows[0].group_name).toBeNull();
  });
});
