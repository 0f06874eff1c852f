import pg from 'pg';

/**
 * A small second pool over the same database whose sessions commit asynchronously
 * (`synchronous_commit = off`), for the pipeline's own bookkeeping: applying events, opening and
 * finishing runs, counters. Exactly-once holds: each statement stays atomic, WAL is one ordered
 * log, and any later synchronous commit flushes everything written before it (a worker batch's
 * job completion; for inline batches, the inline sweep's commit that moves past their events). A
 * Postgres crash can only lose a suffix, whose events are then unfinished: their jobs were not
 * completed and run again, or the inline sweep, which never moved past them durably, gives them
 * one (keys and ledger dedupe). Customer-profile actions (group, tags, attributes) commit here too,
 * with their ledger row in the same statement; ingest, outbox rows and coupons stay on synchronous
 * pools.
 */
export function createAsyncCommitPool(pool: pg.Pool, max = 10): pg.Pool {
  const asyncPool = new pg.Pool({
    ...(pool as pg.Pool & { options: pg.PoolConfig }).options,
    max,
    idleTimeoutMillis: 5_000,
    allowExitOnIdle: true,
    options: '-c synchronous_commit=off',
  });
  // A client the server dropped (idle or checked out) errors once and is replaced on next use; a
  // client without an error listener would crash the process.
  asyncPool.on('error', () => {});
  asyncPool.on('connect', (client) => client.on('error', () => {}));
  return asyncPool;
}
