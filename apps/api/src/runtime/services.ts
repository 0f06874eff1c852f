import type { FastifyInstance } from 'fastify';
import type pg from 'pg';
import { buildApp } from '../app';
import { migrateDatabase } from '../db/migrate';
import { createPool } from '../db/pool';
import { createAsyncCommitPool } from '../worker/async-commit-pool';
import { createInlineExecution } from '../worker/inline-execution';
import type { PipelineDeps } from '../worker/process-event';
import { createPipelineDeps, startWorker, type WorkerHandle } from '../worker/start-worker';

/** What to run in this process. */
export interface ServiceOptions {
  databaseUrl: string;
  host: string;
  port: number;
  /** Built SPA to serve (local mode); omit for the API only. */
  webRoot?: string;
  /** Run the graphile-worker in-process (default true). */
  withWorker?: boolean;
  /** Apply and route ingested events in this process at once (default true; worker/inline-execution.ts). */
  inlineExecution?: boolean;
  /** Hook between migration and listening (the demo seed in local mode). */
  beforeListen?: (pool: pg.Pool) => Promise<void>;
}

/** Running HTTP (+ worker) services and their orderly shutdown. */
export interface Services {
  url: string;
  app: FastifyInstance;
  pool: pg.Pool;
  worker: WorkerHandle | null;
  close(): Promise<void>;
}

/** Migrates, then serves HTTP and (by default) runs the worker in the same process. */
export async function startServices(options: ServiceOptions): Promise<Services> {
  const pool = createPool({ connectionString: options.databaseUrl, max: 20 });
  await migrateDatabase(pool);
  await options.beforeListen?.(pool);
  if (options.withWorker !== false) keepAliveOnWorkerRejections('server');
  const worker = options.withWorker === false ? null : await startWorker({ pool });
  const inline = options.inlineExecution === false ? null : await startInlineExecution(pool, worker?.deps);
  const app = await buildApp({
    pool,
    logger: { level: process.env.LOG_LEVEL ?? 'warn' },
    ...(options.webRoot ? { webRoot: options.webRoot } : {}),
    ...(inline ? { inline: inline.handoff } : {}),
  });
  await app.listen({ host: options.host, port: options.port });
  const shownHost = options.host === '0.0.0.0' ? '127.0.0.1' : options.host;
  return {
    url: `http://${shownHost}:${options.port}`,
    app,
    pool,
    worker,
    async close() {
      await app.close();
      await inline?.close();
      await worker?.stop();
      await pool.end();
    },
  };
}

/**
 * The inline executor of this process: over the in-process worker's pipeline dependencies (router,
 * async-commit pool) when there is one, else over its own.
 */
async function startInlineExecution(pool: pg.Pool, workerDeps?: PipelineDeps) {
  const writePool = workerDeps ? null : createAsyncCommitPool(pool);
  const deps = workerDeps ?? createPipelineDeps(pool, writePool!);
  if (!workerDeps) await deps.router.start();
  const handoff = createInlineExecution(deps, {
    ...(process.env.INLINE_MAX_QUEUED ? { maxQueued: Number(process.env.INLINE_MAX_QUEUED) } : {}),
  });
  return {
    handoff,
    async close() {
      await handoff.close();
      if (workerDeps) return; // the worker closes its own
      await deps.router.close();
      await writePool?.end().catch(() => {});
    },
  };
}

/**
 * graphile-worker may reject a promise nobody awaits while Postgres is unreachable (returning its
 * local queue after its runner stopped); startWorker restarts the runner, so a process that hosts a
 * worker logs such a rejection and stays up instead of crashing.
 */
export function keepAliveOnWorkerRejections(name: string): void {
  process.on('unhandledRejection', (error) => {
    console.error(`[segflow] ${name}: unhandled rejection (kept running):`, String(error));
  });
}

/** Calls `shutdown` once on the first SIGINT / SIGTERM; a second signal exits at once. */
export function onShutdownSignal(shutdown: (signal: string) => Promise<void>): void {
  let stopping = false;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      if (stopping) process.exit(130);
      stopping = true;
      shutdown(signal).then(
        () => process.exit(0),
        (error: unknown) => {
          console.error('shutdown failed:', error);
          process.exit(1);
        },
      );
    });
  }
}
