import type { FastifyInstance } from 'fastify';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChildProcess } from 'node:child_process';
import { buildApp } from '../app';
import { createPool } from '../db/pool';
import { createTestStore, waitFor } from '../testing/test-database';
import {
  createWorkflows,
  isolatedDatabase,
  expectExactlyOnce,
  orderEvents,
  spawnEntry,
  stopEntry,
} from './reliability-kit';
import { startTcpProxy } from './tcp-proxy';

let db: Awaited<ReturnType<typeof isolatedDatabase>>;
let setup: FastifyInstance;
let app: FastifyInstance;
let worker: ChildProcess;
let proxy: Awaited<ReturnType<typeof startTcpProxy>>;
const pools: pg.Pool[] = [];

beforeAll(async () => {
  db = await isolatedDatabase('outage');
  setup = db.app;
  const direct = new URL(db.url);
  proxy = await startTcpProxy({ host: direct.hostname, port: Number(direct.port || 5432) });
  const viaProxy = new URL(direct);
  viaProxy.hostname = '127.0.0.1';
  viaProxy.port = String(proxy.port);
  // The API (here) and the worker (its own process) reach Postgres through the proxy only.
  const apiPool = createPool({ connectionString: viaProxy.toString(), max: 4, onError: () => {} });
  pools.push(apiPool);
  app = await buildApp({ pool: apiPool, logger: { level: 'silent' } });
  await app.ready();
  worker = spawnEntry('src/worker.ts', viaProxy.toString(), { WORKER_RECOVERY_STALE_MS: '500' });
});
afterAll(async () => {
  await stopEntry(worker);
  await app?.close();
  await proxy?.close();
  await Promise.all(pools.map((p) => p.end().catch(() => {})));
  await db?.drop();
});

describe('Postgres unreachable for a few seconds', () => {
  it('ingest answers 503 with Retry-After, the worker resumes by itself, nothing accepted is lost', async () => {
    const { pool } = db;
    const storeId = await createTestStore(pool, 'outage');
    const workflows = await createWorkflows(setup, storeId);
    const post = (events: unknown[]) =>
      app.inject({ method: 'POST', url: `/api/stores/${storeId}/events`, payload: { events } });
    const before = orderEvents(`${storeId}-a`, 60, 10);
    const during = orderEvents(`${storeId}-b`, 10, 10);
    const after = orderEvents(`${storeId}-c`, 60, 10);

    expect((await post(before)).statusCode).toBe(202);
    // The outage starts once the worker is mid-stream.
    await waitFor(
      async () => {
        const { rows } = await pool.query(
          'SELECT count(*)::int AS n FROM events WHERE store_id = $1 AND processed_at IS NOT NULL',
          [storeId],
        );
        return rows[0].n > 0 ? true : undefined;
      },
      30_000,
      20,
    );
    proxy.down();
    const refused = await post(during);
    expect(refused.statusCode).toBe(503);
    expect(refused.json().error.code).toBe('database_unavailable');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    proxy.up();

    let accepted = await post(after);
    for (let i = 0; accepted.statusCode === 503 && i < 50; i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 200)); // the pool reconnects
      accepted = await post(after);
    }
    expect(accepted.statusCode).toBe(202);
    const stored = [...before, ...after];
    await expectExactlyOnce(pool, storeId, workflows, stored);
    const { rows } = await pool.query('SELECT count(*)::int AS n FROM events WHERE event_id = ANY($1)', [
      during.map((e) => e.id),
    ]);
    expect(rows[0].n).toBe(0); // refused with 503, so not accepted: the client retries them
  }, 90_000);
});
