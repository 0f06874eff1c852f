import { run as runWorker, type Runner } from 'graphile-worker';
import type pg from 'pg';
import { migrateDatabase, quietLogger } from '../db/migrate';
import { createPool } from '../db/pool';
import { testDatabaseUrl } from '../testing/test-database';
import { createPipelineDeps } from '../worker/start-worker';
import { applyEventJobIds } from '../worker/apply-event-job';
import { processEvents } from '../worker/process-event';
import { resumeRun } from '../worker/resume-run';
import { createActionPorts } from './action-ports';
import { actionTasks } from './action-tasks';
import { type DeliveryConfig, deliveryConfigFromEnv } from './delivery-config';

/**
 * A database of its own for tests whose worker must not share jobs with other test files (their
 * workers would pick up deliveries with another configuration). Created beside the run's test
 * database, migrated, dropped by `drop()`.
 */
export async function isolatedDatabase(prefix: string): Promise<{ pool: pg.Pool; drop(): Promise<void> }> {
  const base = new URL(testDatabaseUrl());
  const name = `${base.pathname.slice(1)}_${prefix}`.slice(0, 60);
  const admin = createPool({ connectionString: base.toString(), max: 1 });
  await admin.query(`CREATE DATABASE ${name}`);
  base.pathname = `/${name}`;
  const pool = createPool({ connectionString: base.toString(), max: 8 });
  await migrateDatabase(pool);
  return {
    pool,
    async drop() {
      await pool.end();
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    },
  };
}

/** Test delivery settings: fast retries, few attempts, overridable. */
export function testDeliveryConfig(overrides: Partial<DeliveryConfig> = {}): DeliveryConfig {
  return {
    ...deliveryConfigFromEnv({}),
    maxAttempts: 3,
    retryBaseMs: 50,
    webhookTimeoutMs: 1_000,
    ...overrides,
  };
}

/** The pipeline's worker with an explicit delivery config (no environment involved). */
export async function startConfiguredWorker(
  pool: pg.Pool,
  config: DeliveryConfig,
): Promise<{ stop(): Promise<void> }> {
  const deps = createPipelineDeps(pool);
  deps.ports = { ...deps.ports, actions: createActionPorts(pool, config) };
  await deps.router.start();
  const runner: Runner = await runWorker({
    pgPool: pool,
    concurrency: 4,
    noHandleSignals: true,
    pollInterval: 100,
    logger: quietLogger,
    taskList: {
      apply_event: async (payload) => processEvents(deps, applyEventJobIds(payload)),
      resume_run: async (payload) => resumeRun(deps, String((payload as { runId: string }).runId)),
      ...actionTasks(deps, config),
    },
  });
  return {
    async stop() {
      await runner.stop();
      await deps.router.close();
    },
  };
}

/** Creates, publishes and (unless told otherwise) activates a workflow; returns its id. */
export async function publishWorkflow(
  app: import('fastify').FastifyInstance,
  storeId: string,
  graph: unknown,
  activate = true,
): Promise<string> {
  const created = await app.inject({
    method: 'POST',
    url: `/api/stores/${storeId}/workflows`,
    payload: { name: 'w', graph },
  });
  if (created.statusCode !== 201) throw new Error(`create: ${created.body}`);
  const { id } = created.json();
  const published = await app.inject({
    method: 'POST',
    url: `/api/stores/${storeId}/workflows/${id}/publish`,
  });
  if (published.statusCode !== 200) throw new Error(`publish: ${published.body}`);
  if (activate) await app.inject({ method: 'POST', url: `/api/stores/${storeId}/workflows/${id}/activate` });
  return id;
}

/** A linear graph: `trigger` then the given action nodes in order (ids a1, a2, …). */
export function linearGraph(trigger: string, actions: { type: string; config: unknown }[]) {
  const nodes = [
    { id: 't1', type: trigger, position: { x: 0, y: 0 }, config: {} },
    ...actions.map((a, i) => ({
      id: `a${i + 1}`,
      type: a.type,
      position: { x: 0, y: 120 * (i + 1) },
      config: a.config,
    })),
  ];
  const edges = actions.map((_, i) => ({
    id: `e${i + 1}`,
    source: i === 0 ? 't1' : `a${i}`,
    target: `a${i + 1}`,
  }));
  return { schemaVersion: 1, nodes, edges };
}

/** The ledger rows of a customer's runs (by external id), by node. */
export async function ledgerOf(pool: pg.Pool, storeId: string, externalId: string) {
  const { rows } = await pool.query<{
    node_id: string;
    action_type: string;
    status: string;
    result: Record<string, unknown>;
  }>(
    `SELECT a.node_id, a.action_type, a.status, a.result FROM action_executions a JOIN runs r ON r.id = a.run_id
     JOIN customers c ON c.id = r.customer_id WHERE a.store_id = $1 AND c.external_id = $2 ORDER BY a.executed_at, a.node_id`,
    [storeId, externalId],
  );
  return rows;
}
