import pg from 'pg';

/** Options for {@link createPool}. */
export interface PoolOptions {
  connectionString: string;
  max?: number;
  /** Where idle-client errors go (a pool without an error listener crashes the process). */
  onError?: (error: Error) => void;
}

/** A pg Pool with an error listener attached, as every pool here must have. */
export function createPool(options: PoolOptions): pg.Pool {
  const pool = new pg.Pool({
    connectionString: options.connectionString,
    max: options.max ?? 10,
    connectionTimeoutMillis: 5_000,
  });
  const onError =
    options.onError ??
    ((error: Error & { code?: string }) => {
      // 57P01: the server is shutting down (Ctrl-C reaches the embedded Postgres too); expected.
      if (error.code !== '57P01') console.error('[pg] client error:', error.message);
    });
  pool.on('error', onError);
  pool.on('connect', (client) => client.on('error', onError));
  return pool;
}
