import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorkflow, node } from '../reliability/reliability-kit';
import { buildTestApp, orderEvent } from '../testing/test-app';
import { closeTestPool, createTestStore, getTestPool } from '../testing/test-database';
import { processEvent } from './process-event';
import { retryRun } from './retry-run';
import { createPipelineDeps } from './start-worker';

let app: FastifyInstance;

beforeAll(async () => {
  app = await buildTestApp();
});
afterAll(async () => {
  await app.close();
  await closeTestPool();
});

describe('retry of a failed run', () => {
  it('continues from the failed step, once: the action runs, the trace keeps the failure', async () => {
    const pool = getTestPool();
    const storeId = await createTestStore(pool, 'retry');
    // Tags, then a team note: not a profile-only workflow, so its runs act through the ports (a
    // profile-only one is sealed: walked in memory and written with its event, see sealed-runs.ts).
    const acting = await createWorkflow(app, storeId, {
      schemaVersion: 1,
      nodes: [
        node('t1', 'trigger.order_created', {}),
        node('a1', 'action.add_tags', { tags: ['buyer'] }),
        node('a2', 'action.notify_team', { subject: 'New buyer', body: 'Hello team' }),
      ],
      edges: [
        { id: 'e1', source: 't1', target: 'a1' },
        { id: 'e2', source: 'a1', target: 'a2' },
      ],
    });
    // Stored without a job: no worker of another test file may process it with healthy ports.
    const event = orderEvent('retry-1', 1000);
    const { rows } = await pool.query(
      `INSERT INTO events (store_id, event_id, type, payload, occurred_at) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
      [storeId, event.id, event.type, JSON.stringify(event), event.occurredAt],
    );

    // The tag port is down for this attempt: the run fails at its action, nothing is tagged.
    const broken = createPipelineDeps(pool);
    broken.ports = {
      ...broken.ports,
      actions: {
        ...broken.ports.actions,
        addTags: async () => {
          throw new Error('mail relay down');
        },
      },
    };
    await processEvent(broken, Number(rows[0].id));
    const list = await app.inject({ url: `/api/stores/${storeId}/workflows/${acting}/runs?status=failed` });
    const failed = list.json().items[0];
    expect(failed).toMatchObject({ status: 'failed', error: expect.stringContaining('mail relay down') });

    const notFailed = await app.inject({
      method: 'POST',
      url: `/api/stores/${storeId}/runs/00000000-0000-4000-8000-000000000000/retry`,
    });
    expect(notFailed.statusCode).toBe(404);
    const retry = await app.inject({ method: 'POST', url: `/api/stores/${storeId}/runs/${failed.id}/retry` });
    expect(retry.statusCode).toBe(202);
    const again = await app.inject({ method: 'POST', url: `/api/stores/${storeId}/runs/${failed.id}/retry` });
    expect(again.statusCode).toBe(409); // it is running again, not failed

    const healthy = createPipelineDeps(pool);
    await retryRun(healthy, failed.id);
    await retryRun(healthy, failed.id); // a duplicate job does nothing more
    const trace = (await app.inject({ url: `/api/stores/${storeId}/runs/${failed.id}` })).json();
    expect(trace.status).toBe('completed');
    expect(trace.steps.map((s: { nodeId: string; status: string }) => `${s.nodeId}:${s.status}`)).toEqual([
      't1:ok',
      'a1:failed',
      'a1:ok',
      'a2:skipped', // the test store has no team address: recorded, not sent
    ]);
    expect(trace.actions).toHaveLength(2);
    const customer = (await app.inject({ url: `/api/stores/${storeId}/customers/retry-1` })).json();
    expect(customer.tags).toEqual(['buyer']);
  });
});
