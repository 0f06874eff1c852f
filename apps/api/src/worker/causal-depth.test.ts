import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorkflows } from '../reliability/reliability-kit';
import { CAUSAL_DEPTH_HEADER } from '../routes/events/events.routes';
import { buildTestApp, orderEvent } from '../testing/test-app';
import { closeTestPool, createTestStore, getTestPool, waitFor } from '../testing/test-database';
import { processEvent } from './process-event';
import { createPipelineDeps } from './start-worker';
import { MAX_CAUSAL_DEPTH } from './trigger-types';

let app: FastifyInstance;

beforeAll(async () => {
  app = await buildTestApp();
});
afterAll(async () => {
  await app.close();
  await closeTestPool();
});

/** Posts one event and runs its `apply_event` here too (idempotent: whoever runs first, once). */
async function ingestAndProcess(
  storeId: string,
  event: { id: string },
  headers: Record<string, string> = {},
) {
  const pool = getTestPool();
  const res = await app.inject({
    method: 'POST',
    url: `/api/stores/${storeId}/events`,
    payload: event,
    headers,
  });
  expect(res.statusCode).toBe(202);
  const { rows } = await pool.query('SELECT id, depth FROM events WHERE store_id = $1 AND event_id = $2', [
    storeId,
    event.id,
  ]);
  await processEvent(createPipelineDeps(pool), Number(rows[0].id));
  return rows[0] as { id: string; depth: number };
}

describe('causal depth', () => {
  it('stops an event that comes back from our own effects at the limit, with the reason recorded', async () => {
    const storeId = await createTestStore(getTestPool(), 'depth');
    const { acting, idle } = await createWorkflows(app, storeId);
    const row = await ingestAndProcess(storeId, orderEvent('loop-1', 1000), {
      [CAUSAL_DEPTH_HEADER]: String(MAX_CAUSAL_DEPTH),
    });
    expect(row.depth).toBe(MAX_CAUSAL_DEPTH);
    const rows = await waitFor(async () => {
      const found = await getTestPool().query(
        'SELECT workflow_id, status, reason FROM runs WHERE event_id = $1 ORDER BY workflow_id',
        [row.id],
      );
      return found.rows.length === 2 ? found.rows : undefined;
    });
    // Both workflows: the one that would act and the one that would not are skipped, visibly.
    expect(rows.map((r) => r.workflow_id).sort()).toEqual([acting, idle].sort());
    for (const run of rows) {
      expect(run).toMatchObject({ status: 'skipped', reason: expect.stringContaining('causal depth') });
    }
  });
});
