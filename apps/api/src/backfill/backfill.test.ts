import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { linearGraph, publishWorkflow } from '../adapters/action-test-kit';
import { seedStore } from '../seed/seed-store';
import { buildTestApp } from '../testing/test-app';
import { closeTestPool, getTestPool, waitFor } from '../testing/test-database';
import { createPipelineDeps, startWorker, type WorkerHandle } from '../worker/start-worker';
import { runBackfillBatch } from './backfill-batch';
import { tierGraph, tierMismatchSql } from './tier-graph';

let app: FastifyInstance;
let worker: WorkerHandle;
const storeId = `bf-${Date.now().toString(36)}`;
const CUSTOMERS = 3000;

beforeAll(async () => {
  app = await buildTestApp();
  await seedStore(getTestPool(), { storeId, name: 'Backfill store', customers: CUSTOMERS });
  worker = await startWorker({ pool: getTestPool(), concurrency: 4 });
}, 120_000);
afterAll(async () => {
  await worker.stop();
  await app.close();
  await closeTestPool();
});

type Backfill = {
  id: string;
  status: string;
  total: number;
  done: number;
  rate: number;
  etaSeconds: number | null;
};

const start = (workflowId: string, payload: object = {}) =>
  app.inject({ method: 'POST', url: `/api/stores/${storeId}/workflows/${workflowId}/backfill`, payload });

async function finished(id: string): Promise<Backfill> {
  return waitFor(
    async () => {
      const res = await app.inject({ url: `/api/stores/${storeId}/backfills/${id}` });
      const b = res.json() as Backfill;
      return b.status === 'running' ? undefined : b;
    },
    120_000,
    100,
  );
}

async function count(sql: string, params: unknown[] = [storeId]): Promise<number> {
  const { rows } = await getTestPool().query(sql, params);
  return rows[0].n;
}

describe('backfill', () => {
  let workflowId: string;
  let backfillId: string;

  it('tiers every customer of a generated store Platinum / Gold / Silver, matching the SQL oracle', async () => {
    expect(await count(tierMismatchSql)).toBeGreaterThan(0);
    workflowId = await publishWorkflow(app, storeId, tierGraph(), false);
    const [a, b] = await Promise.all([start(workflowId), start(workflowId)]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 202]);
    expect(a.json().id).toBe(b.json().id);
    backfillId = a.json().id;
    expect(a.json()).toMatchObject({ total: CUSTOMERS, status: 'running' });
    const done = await finished(backfillId);
    expect(done).toMatchObject({ status: 'completed', total: CUSTOMERS, done: CUSTOMERS, etaSeconds: null });
    expect(done.rate).toBeGreaterThan(0);
    console.log(`backfill of ${CUSTOMERS} customers: ${done.rate}/s`);
    expect(await count(tierMismatchSql)).toBe(0);
    const tiers = await count(
      `SELECT count(DISTINCT group_name)::int AS n FROM customers WHERE store_id = $1`,
    );
    expect(tiers).toBe(3);
    expect(
      await count(`SELECT count(*)::int AS n FROM runs WHERE store_id = $1 AND status = 'completed'`),
    ).toBe(CUSTOMERS);
    const groups = (await app.inject({ url: `/api/stores/${storeId}/customer-groups` })).json().items as {
      name: string;
      members: number;
    }[];
    expect(groups.filter((g) => g.members > 0).reduce((s, g) => s + g.members, 0)).toBe(CUSTOMERS);
  });

  it('doubles nothing when its batches run again (same run keys, same ledger rows)', async () => {
    const pool = getTestPool();
    const before = await count(`SELECT count(*)::int AS n FROM action_executions WHERE store_id = $1`);
    await pool.query(
      `UPDATE backfills SET status = 'running', last_customer_id = 0, done = 0 WHERE id = $1`,
      [backfillId],
    );
    const deps = createPipelineDeps(pool);
    for (let i = 0; i < 10; i++) await runBackfillBatch(deps, backfillId);
    await deps.router.close();
    expect(await count(`SELECT count(*)::int AS n FROM action_executions WHERE store_id = $1`)).toBe(before);
    expect(await count(`SELECT count(*)::int AS n FROM runs WHERE store_id = $1`)).toBe(CUSTOMERS);
    expect(
      await count(`SELECT count(*)::int AS n FROM backfills WHERE id = $1 AND status = 'completed'`, [
        backfillId,
      ]),
    ).toBe(1);
  });

  it('backfills only the customers a condition matches, and honours a once-per-customer trigger', async () => {
    const condition = { all: [{ field: 'customer.state', op: 'in', value: ['TX', 'CA'] }] };
    const oracle = await count(
      `SELECT count(*)::int AS n FROM customers WHERE store_id = $1 AND upper(state) IN ('TX', 'CA')`,
    );
    const onceId = await publishWorkflow(app, storeId, tierGraph('once'), false);
    const first = await start(onceId, { condition });
    expect(first.statusCode).toBe(202);
    expect(first.json().total).toBe(oracle);
    expect(await finished(first.json().id)).toMatchObject({ status: 'completed', done: oracle });
    const second = await start(onceId, { condition });
    await finished(second.json().id);
    const skipped = await count(
      `SELECT count(*)::int AS n FROM runs WHERE workflow_id = $1 AND status = 'skipped' AND reason LIKE 're-entry%'`,
      [onceId],
    );
    expect(skipped).toBe(oracle);
  });

  it('applies tags and typed attributes too, batched or one by one, each once', async () => {
    const condition = { all: [{ field: 'customer.state', op: 'eq', value: 'TX' }] };
    const texans = await count(
      `SELECT count(*)::int AS n FROM customers WHERE store_id = $1 AND upper(state) = 'TX'`,
    );
    const single = await publishWorkflow(
      app,
      storeId,
      linearGraph('trigger.manual', [{ type: 'action.set_attribute', config: { key: 'score', value: 7 } }]),
      false,
    );
    const multi = await publishWorkflow(
      app,
      storeId,
      linearGraph('trigger.manual', [
        { type: 'action.add_tags', config: { tags: ['bf', 'tmp'] } },
        { type: 'action.remove_tags', config: { tags: ['tmp'] } },
      ]),
      false,
    );
    for (const id of [single, multi]) await finished((await start(id, { condition })).json().id);
    const scored = await count(
      `SELECT count(*)::int AS n FROM customers WHERE store_id = $1 AND attributes->'score' = '7'::jsonb`,
    );
    const tagged = await count(
      `SELECT count(*)::int AS n FROM customers WHERE store_id = $1 AND 'bf' = ANY(tags) AND NOT 'tmp' = ANY(tags)`,
    );
    expect([scored, tagged]).toEqual([texans, texans]);
    const ledger = await count(
      `SELECT count(*)::int AS n FROM action_executions a JOIN runs r ON r.id = a.run_id WHERE r.workflow_id = ANY($1::uuid[])`,
      [[single, multi]],
    );
    expect(ledger).toBe(texans * 3);
  });

  it('can be cancelled, and refuses bad requests with 4xx', async () => {
    const res = await start(workflowId);
    const cancelled = await app.inject({
      method: 'POST',
      url: `/api/stores/${storeId}/backfills/${res.json().id}/cancel`,
    });
    expect(cancelled.json().status).toBe('cancelled');
    const bad = await start(workflowId, {
      condition: { all: [{ field: 'order.total', op: 'gt', value: 1 }] },
    });
    expect(bad.statusCode).toBe(400);
    expect((await start(workflowId, { condition: { nope: 1 } })).statusCode).toBe(400);
    const draft = await publishWorkflow(app, storeId, tierGraph(), false).catch(() => '');
    expect(draft).not.toBe('');
    const created = await app.inject({
      method: 'POST',
      url: `/api/stores/${storeId}/workflows`,
      payload: { name: 'x', graph: tierGraph() },
    });
    expect((await start(created.json().id)).statusCode).toBe(422);
    expect((await start('00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
    expect(
      (await app.inject({ url: `/api/stores/${storeId}/backfills/00000000-0000-4000-8000-000000000000` }))
        .statusCode,
    ).toBe(404);
  });
});
