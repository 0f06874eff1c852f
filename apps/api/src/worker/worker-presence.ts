import type pg from 'pg';

/** Advisory lock namespace of live worker pools (the second key is hashtext(pool id)). */
const PRESENCE_NAMESPACE = 0x5e6f;

/** Locks older than this are checked: a live pool takes its presence lock before it could claim. */
const DEFAULT_STALE_MS = 5_000;

/**
 * Crash recovery for graphile-worker. A job claimed by a worker that died (SIGKILL, OOM, host loss)
 * stays locked for four hours in graphile-worker; here every worker process holds a session
 * advisory lock per worker pool on a dedicated connection. Postgres drops it the moment that
 * process's connection dies. Each worker process sweeps regularly: a job locked by a pool whose
 * presence lock is free belongs to a dead process and is unlocked (`force_unlock_workers`), so
 * another worker runs it. Runs and actions are idempotent, so even a wrongly freed job doubles nothing.
 */
export function createWorkerPresence(pool: pg.Pool, options: { staleMs?: number; everyMs?: number } = {}) {
  const staleMs = options.staleMs ?? DEFAULT_STALE_MS;
  const mine = new Set<string>();
  let client: pg.PoolClient | null = null;
  let timer: NodeJS.Timeout | null = null;
  let closed = false;

  async function connect(): Promise<void> {
    const next = await pool.connect();
    next.on('error', () => {
      if (client === next) client = null;
      next.release(true);
    });
    for (const id of mine)
      await next.query('SELECT pg_advisory_lock($1, hashtext($2))', [PRESENCE_NAMESPACE, id]);
    client = next;
  }

  async function sweep(): Promise<number> {
    if (!client) await connect();
    const { rows } = await pool.query<{ locked_by: string }>(
      `SELECT DISTINCT locked_by FROM graphile_worker._private_jobs
       WHERE locked_by IS NOT NULL AND locked_at < now() - make_interval(secs => $1::float8 / 1000)`,
      [staleMs],
    );
    const dead: string[] = [];
    for (const { locked_by: id } of rows) {
      if (mine.has(id)) continue;
      const probe = await client!.query<{ free: boolean }>(
        'SELECT pg_try_advisory_lock($1, hashtext($2)) AS free',
        [PRESENCE_NAMESPACE, id],
      );
      if (!probe.rows[0]?.free) continue;
      await client!.query('SELECT pg_advisory_unlock($1, hashtext($2))', [PRESENCE_NAMESPACE, id]);
      dead.push(id);
    }
    if (dead.length > 0) await pool.query('SELECT graphile_worker.force_unlock_workers($1::text[])', [dead]);
    return dead.length;
  }

  function loop(): void {
    if (closed) return;
    timer = setTimeout(() => {
      sweep()
        .catch(() => {
          // Postgres unreachable: try again on the next round (the connection is rebuilt).
        })
        .finally(loop);
    }, options.everyMs ?? 2_000);
    timer.unref();
  }

  return {
    /** Connects the presence connection (call before the runner starts claiming). */
    async start(): Promise<void> {
      await connect();
      void sweep().catch(() => {});
      loop();
    },
    /** Declares a worker pool of this process alive (its id is what graphile-worker locks jobs with). */
    async hold(poolId: string): Promise<void> {
      mine.add(poolId);
      await client?.query('SELECT pg_advisory_lock($1, hashtext($2))', [PRESENCE_NAMESPACE, poolId]);
    },
    /**
     * Declares a pool of this process gone (its runner exited, e.g. after a database outage): the
     * jobs it still had locked become free for the next sweep, here or in any other worker.
     */
    async release(poolId: string): Promise<void> {
      if (!mine.delete(poolId)) return;
      await client?.query('SELECT pg_advisory_unlock($1, hashtext($2))', [PRESENCE_NAMESPACE, poolId]);
    },
    /** Unlocks the jobs of dead workers once now; returns how many dead pools were found. */
    sweep,
    /** Stops sweeping and releases the presence locks. */
    async close(): Promise<void> {
      closed = true;
      if (timer) clearTimeout(timer);
      client?.release(true);
      client = null;
    },
  };
}

/** The presence of this process's worker pools. */
export type WorkerPresence = ReturnType<typeof createWorkerPresence>;
