import type { FastifyInstance } from 'fastify';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app';
import {
  createWorkflows,
  expectExactlyOnce,
  isolatedDatabase,
  orderEvents,
} from '../reliability/reliability-kit';
import { createTestStore, waitFor } from '../testing/test-database';
import { createInlineExecution } from './inline-execution';
import { createPipelineDeps, startWorker, type WorkerHandle } from './start-worker';
import { withBrokenRouter } from '../testing/pipeline-probes';

// A database of its own: no worker (and so no inline sweep) runs on it unless a test starts one, so
// what happens to the events' jobs is the inline executor's doing alone.
let db: Awaited<ReturnType<typeof isolatedDatabase>>;
const closers: (() => Promise<unknown>)[] = [];

beforeAll(async () => {
  db = await isolatedDatabase('inline');
});
afterAll(async () => {
  for (const close of closers.reverse()) await close();
  await db?.drop();
});

/** An app whose ingest hands its events to an inline executor over `deps`. */
async function inlineApp(deps = createPipelineDeps(db.pool)) {
  await deps.router.start();
  const inline = createInlineExecution(deps);
  const app = await buildApp({ pool: db.pool, logger: { level: 'silent' }, inline });
  closers.push(
    () => app.close(),
    () => inline.close(),
    () => deps.router.close(),
  );
  return app;
}

async function post(app: FastifyInstance, storeId: string, events: unknown[]) {
  const res = await app.inject({ method: 'POST', url: `/api/stores/${storeId}/events`, payload: { events } });
  expect(res.statusCode, res.body).toBe(202);
}

/** The `apply_event` jobs of the store's events: whether each is due and how often it was tried. */
async function jobsOf(pool: pg.Pool, storeId: string) {
  const { rows } = await pool.query<{ due: boolean; attempts: number; locked: boolean }>(
    `SELECT j.run_at <= now() AS due, j.attempts, j.locked_at IS NOT NULL AS locked
     FROM graphile_worker._private_jobs j
     JOIN graphile_worker._private_tasks t ON t.id = j.task_id AND t.identifier = 'apply_event'
     WHERE (j.payload->'ids'->>0)::bigint IN (SELECT id FROM events WHERE store_id = $1)`,
    [storeId],
  );
  return rows;
}

describe('inline execution', () => {
  it('applies and routes ingested events in the ingesting process, with no job', async () => {
    const storeId = await createTestStore(db.pool, 'inline');
    const workflows = await createWorkflows(db.app, storeId);
    const app = await inlineApp();
    const events = orderEvents(storeId, 60, 7);
    // Several requests at once: merged statements, batches side by side, a customer's events in order.
    await Promise.all([0, 20, 40].map((from) => post(app, storeId, events.slice(from, from + 20))));
    await expectExactlyOnce(db.pool, storeId, workflows, events);
    // No worker ran and none was needed.
    expect(await jobsOf(db.pool, storeId)).toEqual([]);
  });

  it('hands failed events back to the workers at once, which then process them exactly once', async () => {
    const storeId = await createTestStore(db.pool, 'inline-fail');
    const workflows = await createWorkflows(db.app, storeId);
    const app = await inlineApp(withBrokenRouter(createPipelineDeps(db.pool)));
    const events = orderEvents(storeId, 12, 4);
    await post(app, storeId, events);
    // The inserts enqueued no job; the failure enqueues them, due now.
    await waitFor(async () => {
      const jobs = await jobsOf(db.pool, storeId);
      return jobs.length > 0 && jobs.every((j) => j.due && j.attempts === 0) ? true : undefined;
    });
    const worker: WorkerHandle = await startWorker({ pool: db.pool });
    closers.push(() => worker.stop());
    await expectExactlyOnce(db.pool, storeId, workflows, events);
  });
});
