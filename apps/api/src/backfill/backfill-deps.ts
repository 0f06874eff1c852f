import type pg from 'pg';
import { createActionPorts } from '../adapters/action-ports';
import type { DeliveryConfig } from '../adapters/delivery-config';
import type { PipelineDeps } from '../worker/process-event';
import { createAsyncCommitPool } from '../worker/async-commit-pool';
import { createRunStore } from '../worker/run-store';

const cache = new WeakMap<pg.Pool, PipelineDeps>();

/**
 * The pipeline's dependencies over the worker's async-commit pool kind (`synchronous_commit =
 * off`, client errors handled): a backfill writes a few rows per customer, and waiting for an
 * fsync per commit would bound it to a few hundred customers/s. This stays exactly-once: each
 * statement is still atomic, and a crash loses only a suffix of commits — the batch's progress
 * row is committed after its runs, so a lost tail is simply re-run (run keys + ledger dedupe).
 */
export function backfillDeps(deps: PipelineDeps, config: DeliveryConfig): PipelineDeps {
  let found = cache.get(deps.pool);
  if (!found) {
    const pool = createAsyncCommitPool(deps.pool, 16);
    found = {
      ...deps,
      pool,
      runs: createRunStore(pool),
      ports: { ...deps.ports, actions: createActionPorts(pool, config) },
    };
    cache.set(deps.pool, found);
  }
  return found;
}
