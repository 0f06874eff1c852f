import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeTestPool, createTestStore, getTestPool, waitFor } from '../testing/test-database';
import { createWorkflowRouter, type WorkflowRouter } from '../worker/workflow-router';
import { notifySegmentsChanged, storeSegments } from './segment-cache';

let router: WorkflowRouter;
let storeId: string;

beforeAll(async () => {
  storeId = await createTestStore();
  router = createWorkflowRouter(getTestPool());
  await router.start();
});
afterAll(async () => {
  await router.close();
  await closeTestPool();
});

describe('segment cache', () => {
  it("drops a store's cached segments when another process saves one (NOTIFY), not only after its TTL", async () => {
    const pool = getTestPool();
    expect(await storeSegments(pool, storeId)).toEqual([]);
    // Another process's save: the row changes without this process's invalidate, then it notifies.
    await pool.query(`INSERT INTO segments (store_id, name, condition) VALUES ($1, 'Texans', $2::jsonb)`, [
      storeId,
      JSON.stringify({ field: 'customer.state', op: 'eq', value: 'TX' }),
    ]);
    expect(await storeSegments(pool, storeId)).toEqual([]); // still cached
    await notifySegmentsChanged(pool, storeId);
    const segments = await waitFor(async () => {
      const list = await storeSegments(pool, storeId);
      return list.length === 1 ? list : undefined;
    }, 2_000);
    expect(segments[0]!.condition).toEqual({ field: 'customer.state', op: 'eq', value: 'TX' });
  });
});
