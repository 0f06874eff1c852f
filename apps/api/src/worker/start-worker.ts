import { EventEmitter } from 'node:events';
import { type Runner, run, type WorkerEvents } from 'graphile-worker';
import type pg from 'pg';
import { createActionPorts } from '../adapters/action-ports';
import { actionTasks } from '../adapters/action-tasks';
import { createDb } from '../db/client';
import { processSegmentEvent } from '../segments/segment-trigger';
import { dailySnapshot, refreshSegments, segmentCrontab } from '../segments/segment-schedule';
import { quietLogger } from '../db/migrate';
import { createJobBatcher } from './job-batcher';
import { type PipelineDeps, processEvents } from './process-event';
import { resumeRun } from './resume-run';
import { createRunStore } from './run-store';
import { createWorkerPresence } from './worker-presence';
import { createWorkflowRouter } from './workflow-router';

/** Worker tuning. */
export interface WorkerOptions {
  pool: pg.Pool;
  /** Jobs in flight at once (default 64): `apply_event` jobs are processed in batches of half that. */
  concurrency?: number;
  /** Jobs fetched (and locked) per claim: batched claims for throughput. */
  localQueueSize?: number;
}

/** A running worker. */
export interface WorkerHandle {
  runner: Runner;
  stop(): Promise<void>;
}

/** Jobs in flight per worker process: `apply_event` batches of up to half of it run side by side. */
const DEFAULT_CONCURRENCY = 64;

/** Clock port over the system time. */
const systemClock = { now: () => new Date() };

/** Builds the pipeline's dependencies over a pool (also used by tests and benchmarks). */
export function createPipelineDeps(pool: pg.Pool): PipelineDeps {
  return {
    pool,
    db: createDb(pool),
    runs: createRunStore(pool),
    ports: { clock: systemClock, actions: createActionPorts(pool) },
    router: createWorkflowRouter(pool),
  };
}

/** Starts graphile-worker with the pipeline's tasks: `apply_event` and `resume_run`. */
export async function startWorker(options: WorkerOptions): Promise<WorkerHandle> {
  const deps = createPipelineDeps(options.pool);
  await deps.router.start();
  const concurrency = options.concurrency ?? DEFAULT_CONCURRENCY;
  const events = createJobBatcher((ids) => processEvents(deps, ids), Math.max(1, Math.ceil(concurrency / 2)));
  const presence = createWorkerPresence(options.pool, {
    ...(process.env.WORKER_RECOVERY_STALE_MS
      ? { staleMs: Number(process.env.WORKER_RECOVERY_STALE_MS) }
      : {}),
  });
  await presence.start();
  const workerEvents: WorkerEvents = new EventEmitter();
  workerEvents.on('pool:create', ({ workerPool }) => void presence.hold(workerPool.id).catch(() => {}));
  const runner = await run({
    pgPool: options.pool,
    events: workerEvents,
    concurrency,
    noHandleSignals: true,
    pollInterval: 1_000,
    logger: quietLogger,
    preset: {
      worker: {
        localQueue: { size: options.localQueueSize ?? 200 },
        completeJobBatchDelay: 0,
        failJobBatchDelay: 0,
      },
    },
    crontab: segmentCrontab.join('\n'),
    taskList: {
      apply_event: async (payload) => events.add(Number((payload as { id: number }).id)),
      resume_run: async (payload) => resumeRun(deps, String((payload as { runId: string }).runId)),
      ...actionTasks(deps),
      segment_event: async (payload) => processSegmentEvent(deps, Number((payload as { id: number }).id)),
      segments_refresh: async () => void (await refreshSegments(options.pool, { onlyTimeDependent: true })),
      segments_snapshot: async () => dailySnapshot(options.pool),
    },
  });
  return {
    runner,
    async stop() {
      await runner.stop();
      await presence.close();
      await deps.router.close();
    },
  };
}
