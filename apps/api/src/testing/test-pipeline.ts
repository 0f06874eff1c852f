import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll } from 'vitest';
import { startWorker, type WorkerHandle } from '../worker/start-worker';
import { buildTestApp } from './test-app';
import { closeTestPool, createTestStore, getTestPool } from './test-database';

/** What a pipeline test file works with; filled in before its first test. */
export interface TestPipeline {
  app: FastifyInstance;
  worker: WorkerHandle;
  storeId: string;
}

/**
 * The app, an in-process worker and a fresh store for one test file: opened before its tests and
 * closed after them (worker, app, then the test pool). Read the fields inside tests and hooks.
 */
export function useTestPipeline(options: { concurrency?: number } = {}): TestPipeline {
  const pipeline = {} as TestPipeline;
  beforeAll(async () => {
    pipeline.app = await buildTestApp();
    pipeline.worker = await startWorker({ pool: getTestPool(), concurrency: options.concurrency ?? 4 });
    pipeline.storeId = await createTestStore();
  });
  afterAll(async () => {
    await pipeline.worker.stop();
    await pipeline.app.close();
    await closeTestPool();
  });
  return pipeline;
}
