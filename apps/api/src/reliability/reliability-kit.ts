import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import type pg from 'pg';
import { afterAll, beforeAll, expect } from 'vitest';
import { buildApp } from '../app';
import { freePort } from '../local/embedded-postgres';
import { migrateDatabase } from '../db/migrate';
import { createPool } from '../db/pool';
import { orderEvent } from '../testing/test-app';
import { testDatabaseUrl, waitFor } from '../testing/test-database';

const apiDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * A database of its own for one reliability test file, on the test server: the worker processes
 * these tests start (and kill, and cut off) work every store's jobs, so they must not share a
 * database with the other test files. Migrated; `drop` removes it.
 */
export async function isolatedDatabase(prefix: string) {
  const base = new URL(testDatabaseUrl());
  const name = `${base.pathname.slice(1)}_${prefix}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = createPool({ connectionString: testDatabaseUrl(), max: 1 });
  await admin.query(`CREATE DATABASE ${name}`);
  base.pathname = `/${name}`;
  const url = base.toString();
  const pool = createPool({ connectionString: url, max: 6 });
  await migrateDatabase(pool);
  const app = await buildApp({ pool, logger: { level: 'silent' } });
  await app.ready();
  return {
    url,
    pool,
    app,
    async drop() {
      await app.close();
      await pool.end();
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    },
  };
}

/** Starts an entry point (`src/worker.ts`, `src/server.ts`) as its own process over `databaseUrl`. */
export function spawnEntry(
  entry: string,
  databaseUrl: string,
  env: Record<string, string> = {},
): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', entry], {
    cwd: apiDir,
    env: { ...process.env, DATABASE_URL: databaseUrl, LOG_LEVEL: 'error', ...env },
    // RELIABILITY_DEBUG=1 shows the processes' own logs.
    stdio: ['ignore', 'ignore', process.env.RELIABILITY_DEBUG ? 'inherit' : 'ignore'],
  });
}

/**
 * A reliability test file's setup: its isolated database (`harness.db`, from `beforeAll` on) and the
 * processes it starts over it (`harness.spawn`), stopped and dropped after the file.
 */
export function processHarness(prefix: string) {
  const children: ChildProcess[] = [];
  const harness = {
    db: undefined as unknown as Awaited<ReturnType<typeof isolatedDatabase>>,
    spawn(entry: string, env: Record<string, string> = {}): ChildProcess {
      const child = spawnEntry(entry, harness.db.url, env);
      children.push(child);
      return child;
    },
    /** Starts an HTTP-only API process (`WORKER=off`) on a free port; resolves once it answers. */
    async spawnApi(env: Record<string, string> = {}): Promise<{ child: ChildProcess; url: string }> {
      const port = await freePort();
      const child = harness.spawn('src/server.ts', {
        WORKER: 'off',
        HOST: '127.0.0.1',
        PORT: String(port),
        ...env,
      });
      const url = `http://127.0.0.1:${port}`;
      await waitFor(
        async () => ((await fetch(`${url}/api/health`).catch(() => null))?.ok ? true : undefined),
        60_000,
        100,
      );
      return { child, url };
    },
  };
  beforeAll(async () => {
    harness.db = await isolatedDatabase(prefix);
  });
  afterAll(async () => {
    await Promise.all(children.map((child) => stopEntry(child)));
    await harness.db?.drop();
  });
  return harness;
}

/** Stops a process started by {@link spawnEntry} (SIGTERM, SIGKILL after 5 s) and waits for its exit. */
export async function stopEntry(child: ChildProcess | undefined, signal: NodeJS.Signals = 'SIGTERM') {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill(signal);
  const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
}

/** The two workflows of the reliability tests: one acts on every order, one never acts. */
export interface Workflows {
  acting: string;
  idle: string;
}

/** A graph node at the origin. */
export const node = (id: string, type: string, config: object) => ({
  id,
  type,
  position: { x: 0, y: 0 },
  config,
});

/** Creates, publishes and activates one workflow; returns its id. */
export async function createWorkflow(
  app: FastifyInstance,
  storeId: string,
  graph: object,
  name = 'workflow',
) {
  const url = `/api/stores/${storeId}/workflows`;
  const created = await app.inject({ method: 'POST', url, payload: { name, graph } });
  const id = created.json().id as string;
  for (const step of ['publish', 'activate']) {
    const res = await app.inject({ method: 'POST', url: `${url}/${id}/${step}` });
    expect(res.statusCode, res.body).toBe(200);
  }
  return id;
}

/** Creates, publishes and activates "tag every buyer" (acts) and "VIP over $10M" (never acts). */
export async function createWorkflows(app: FastifyInstance, storeId: string): Promise<Workflows> {
  const graphs = {
    acting: {
      schemaVersion: 1,
      nodes: [node('t1', 'trigger.order_created', {}), node('a1', 'action.add_tags', { tags: ['buyer'] })],
      edges: [{ id: 'e1', source: 't1', target: 'a1' }],
    },
    idle: {
      schemaVersion: 1,
      nodes: [
        node('t1', 'trigger.order_created', {}),
        node('c1', 'condition.if', {
          condition: { all: [{ field: 'customer.lifetimeSpend', op: 'gt', value: 1_000_000_000 }] },
        }),
        node('a1', 'action.assign_group', { group: 'Whales' }),
      ],
      edges: [
        { id: 'e1', source: 't1', target: 'c1' },
        { id: 'e2', source: 'c1', sourceHandle: 'true', target: 'a1' },
      ],
    },
  };
  const ids: Record<string, string> = {};
  for (const [name, graph] of Object.entries(graphs))
    ids[name] = await createWorkflow(app, storeId, graph, name);
  return ids as unknown as Workflows;
}

/** `n` order events over `customers` customers (cents 100..n+99, so every sum is distinct). */
export function orderEvents(prefix: string, n: number, customers = 20) {
  return Array.from({ length: n }, (_, i) =>
    orderEvent(`${prefix}-c${i % customers}`, 100 + i, { id: `${prefix}-e${i}`, orderId: `${prefix}-o${i}` }),
  );
}

/** Waits until every event is applied and routed (its `event_routes` row written). */
async function waitAllRouted(pool: pg.Pool, storeId: string, ids: string[], timeoutMs = 25_000) {
  await waitFor(
    async () => {
      const { rows } = await pool.query(
        `SELECT count(*)::int AS n FROM events e JOIN event_routes r ON r.event_id = e.id
         WHERE e.store_id = $1 AND e.event_id = ANY($2)`,
        [storeId, ids],
      );
      return rows[0].n === ids.length ? true : undefined;
    },
    timeoutMs,
    100,
  );
}

/**
 * The exactly-once verdict over a set of accepted order events, once every one is routed (see
 * {@link waitAllRouted}): each applied once (stats equal the sums), routed once, one run of the
 * acting workflow with one ledgered action per event, and the idle workflow counted exactly once
 * per event (no row, no loss, no double count).
 */
export async function expectExactlyOnce(
  pool: pg.Pool,
  storeId: string,
  workflows: Workflows,
  events: ReturnType<typeof orderEvents>,
) {
  const ids = events.map((e) => e.id);
  await waitAllRouted(pool, storeId, ids);
  const q = async (text: string, params: unknown[] = []) =>
    (await pool.query(text, [storeId, ...params])).rows;
  const [applied] = await q(
    `SELECT count(*)::int AS n, count(error)::int AS errors FROM events
     WHERE store_id = $1 AND event_id = ANY($2) AND processed_at IS NOT NULL`,
    [ids],
  );
  expect(applied).toEqual({ n: ids.length, errors: 0 });
  const expected = new Map<string, { order_count: number; spend: number }>();
  for (const e of events) {
    const row = expected.get(e.customer.externalId) ?? { order_count: 0, spend: 0 };
    row.order_count += 1;
    row.spend += e.order.total;
    expected.set(e.customer.externalId, row);
  }
  const stats = await q(
    `SELECT c.external_id, s.order_count, s.lifetime_spend::int AS spend FROM customers c
     JOIN customer_stats s ON s.customer_id = c.id WHERE c.store_id = $1 AND c.external_id = ANY($2)`,
    [[...expected.keys()]],
  );
  expect(new Map(stats.map((r) => [r.external_id, { order_count: r.order_count, spend: r.spend }]))).toEqual(
    expected,
  );
  const runs = await q(
    `SELECT count(DISTINCT r.event_id)::int AS events, count(*)::int AS runs,
            count(*) FILTER (WHERE r.status = 'completed')::int AS completed, count(a.id)::int AS actions
     FROM runs r JOIN events e ON e.id = r.event_id LEFT JOIN action_executions a ON a.run_id = r.id
     WHERE r.store_id = $1 AND r.workflow_id = $2 AND e.event_id = ANY($3)`,
    [workflows.acting, ids],
  );
  expect(runs[0]).toEqual({
    events: ids.length,
    runs: ids.length,
    completed: ids.length,
    actions: ids.length,
  });
  const [idle] = await q(
    `SELECT (SELECT coalesce(sum(n), 0)::int FROM path_counts WHERE store_id = $1 AND workflow_id = $2 AND node_id = '') AS counted,
            (SELECT count(*)::int FROM runs WHERE store_id = $1 AND workflow_id = $2) AS stored,
            (SELECT count(*)::int FROM event_routes r CROSS JOIN LATERAL unnest(r.run_versions) AS u(version_id)
               JOIN workflow_versions v ON v.id = u.version_id
             WHERE r.store_id = $1 AND v.workflow_id = $2) AS recorded`,
    [workflows.idle],
  );
  // Each idle run is counted once and recorded once (run history), never stored as a row.
  expect(idle).toEqual({ counted: ids.length, stored: 0, recorded: ids.length });
}
