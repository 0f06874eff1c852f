import { EventEmitter } from 'node:events';
import { type Runner, run, type WorkerEvents } from 'graphile-worker';
import type pg from 'pg';
import { createActionPorts } from '../adapters/action-ports';
import { actionTasks } from '../adapters/action-tasks';
import { createDb } from '../db/client';
import { processSegmentEvent } from '../segments/segment-trigger';
import { dailySnapshot, refreshSegments, segmentCrontab } from '../segments/segment-schedule';
import { quietLogger } from '../db/migrate';
import { createAsyncCommitPool } from './async-commit-pool';
import { createJobBatcher } from './job-batcher';
import { applyEventJobIds, EVENTS_PER_JOB } from './apply-event-job';
import { type PipelineDeps, processEvents } from './process-event';
import { resumeRun } from './resume-run';
import { retryRun } from './retry-run';
import { createRunStore } from './run-store';
import { inlineGraceSeconds, startInlineSweep } from './inline-sweep';
import { startPathCounterFold } from './path-counter-fold';
import { createWorkerPresence } from './worker-presence';
import { createWorkflowRouter } from './workflow-router';

/** Worker tuning. */
export interface WorkerOptions {
  pool: pg.Pool;
  /** Jobs in flight at once (default 64); `apply_event` jobs are merged into batches (see job-batcher.ts). */
  concurrency?: number;
  /** Jobs fetched (and locked) per claim: batched claims for throughput. */
  localQueueSize?: number;
  /** The inline sweep's grace period (inline-sweep.ts); default INLINE_GRACE_SECONDS or 10 s. */
  inlineGraceSeconds?: number;
}

/** A running worker. */
export interface WorkerHandle {
  runner: Runner;
  /** Its pipeline dependencies (an inline executor in the same process shares them). */
  deps: PipelineDeps;
  stop(): Promise<void>;
}

/** Jobs in flight per worker process (graphile-worker's concurrency; `apply_event` jobs wait in the batcher). */
const DEFAULT_CONCURRENCY = 64;

/**
 * `apply_event` batches running side by side per process, each split into up to four parts by
 * customer: enough to keep Postgres busy on two cores, few enough that jobs arriving meanwhile
 * merge into bigger batches (fewer statements per event; measured in `pnpm bench pipeline`).
 */
const APPLY_BATCHES_IN_FLIGHT = 2;

/** Clock port over the system time. */
const systemClock = { now: () => new Date() };

/**
 * Builds the pipeline's dependencies over a pool (also used by tests and benchmarks); the
 * pipeline's own bookkeeping may go to `writePool` (the worker passes an async-commit one).
 */
export function createPipelineDeps(pool: pg.Pool, writePool: pg.Pool = pool): PipelineDeps {
  return {
    pool,
    writePool,
    db: createDb(writePool),
    runs: createRunStore(writePool),
    ports: { clock: systemClock, actions: createActionPorts(pool, undefined, writePool) },
    router: createWorkflowRouter(pool),
  };
}

/** Starts graphile-worker with the pipeline's tasks: `apply_event` and `resume_run`. */
export async function startWorker(options: WorkerOptions): Promise<WorkerHandle> {
  const writePool = createAsyncCommitPool(options.pool);
  const deps = createPipelineDeps(options.pool, writePool);
  await deps.router.start();
  const concurrency = options.concurrency ?? DEFAULT_CONCURRENCY;
  const events = createJobBatcher((ids) => processEvents(deps, ids), {
    maxSize: 2 * EVENTS_PER_JOB,
    maxInFlight: APPLY_BATCHES_IN_FLIGHT,
  });
  const presence = createWorkerPresence(options.pool, {
    ...(process.env.WORKER_RECOVERY_STALE_MS
      ? { staleMs: Number(process.env.WORKER_RECOVERY_STALE_MS) }
      : {}),
  });
  await presence.start();
  const sweep = startInlineSweep(options.pool, {
    graceSeconds: options.inlineGraceSeconds ?? inlineGraceSeconds(),
  });
  const fold = startPathCounterFold(options.pool);
  const workerEvents: WorkerEvents = new EventEmitter();
  // The runner of the moment is known by its pool id; a pool that shuts itself down (Postgres
  // unreachable past its retries) or exits is replaced, and its claimed jobs freed for the sweep.
  let poolId: string | null = null;
  let supervisor: Awaited<ReturnType<typeof superviseRunner>> | null = null;
  const lost = (id: string | null, why: string) => {
    if (!id || id !== poolId || !supervisor || supervisor.isStopping()) return;
    poolId = null;
    void presence.release(id).catch(() => {});
    console.error(`[segflow] worker runner stopped (${why}); restarting`);
    supervisor.restart();
  };
  workerEvents.on('pool:create', ({ workerPool }) => {
    poolId = workerPool.id;
    void presence.hold(workerPool.id).catch(() => {});
  });
  workerEvents.on('pool:gracefulShutdown', ({ workerPool, message }) => lost(workerPool.id, message));
  workerEvents.on('pool:forcefulShutdown', ({ workerPool, message }) => lost(workerPool.id, message));
  const startRunner = () =>
    run({
      pgPool: options.pool,
      events: workerEvents,
      concurrency,
      noHandleSignals: true,
      pollInterval: 1_000,
      logger: quietLogger,
      preset: {
        worker: {
          localQueue: {
            size: options.localQueueSize ?? 200,
          },
          completeJobBatchDelay: 0,
          failJobBatchDelay: 0,
        },
      },
      crontab: segmentCrontab.join('\n'),
      taskList: {
        apply_event: async (payload) => events.add(applyEventJobIds(payload)),
        resume_run: async (payload) => resumeRun(deps, String((payload as { runId: string }).runId)),
        retry_run: async (payload) => retryRun(deps, String((payload as { runId: string }).runId)),
        ...actionTasks(deps),
        segment_event: async (payload) => processSegmentEvent(deps, Number((payload as { id: number }).id)),
        segments_refresh: async () => void (await refreshSegments(options.pool, { onlyTimeDependent: true })),
        segments_snapshot: async () => dailySnapshot(options.pool),
      },
    });
  const startWatched = async () => {
    const runner = await startRunner();
    const id = poolId;
    runner.promise.then(
      () => lost(id, 'exited'),
      (error: unknown) => lost(id, String(error)),
    );
    return runner;
  };
  supervisor = await superviseRunner(startWatched);
  const running = supervisor;
  return {
    get runner() {
      return running.current();
    },
    deps,
    async stop() {
      await sweep.stop();
      await fold.stop();
      await running.stop();
      await presence.close();
      await writePool.end().catch(() => {});
      await deps.router.close();
    },
  };
}

/**
 * Keeps a graphile-worker runner alive: `restart` (called when the current one shut itself down,
 * e.g. Postgres unreachable longer than its own retries) starts a new one after a back-off,
 * retrying until Postgres answers, until `stop`. So a worker resumes by itself after an outage.
 */
async function superviseRunner(start: () => Promise<Runner>) {
  let runner = await start();
  let stopping = false;
  let restarting = false;
  return {
    current: () => runner,
    isStopping: () => stopping,
    restart(): void {
      if (stopping || restarting) return;
      restarting = true;
      void (async () => {
        for (let delayMs = 500; !stopping; delayMs = Math.min(delayMs * 2, 10_000)) {
          await new Promise((resolve) => setTimeout(resolve, delayMs));
          if (stopping) break;
          try {
            runner = await start();
            break;
          } catch {
            // Postgres still unreachable: wait longer.
          }
        }
        restarting = false;
      })();
    },
    async stop(): Promise<void> {
      stopping = true;
      await runner.stop().catch(() => {});
    },
  };
}
