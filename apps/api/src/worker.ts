import { migrateDatabase } from './db/migrate';
import { createPool } from './db/pool';
import { onShutdownSignal } from './runtime/services';
import { startWorker } from './worker/start-worker';

// Entry point `worker`: graphile-worker tasks only, for scale-out (run as many as you like).
const databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) {
  console.error('DATABASE_URL is required');
  process.exit(2);
}
// graphile-worker may reject a promise nobody awaits while Postgres is unreachable (returning its
// local queue after its runner stopped); the runner is restarted by startWorker, so log, stay up.
process.on('unhandledRejection', (error) => {
  console.error('[segflow] worker: unhandled rejection (kept running):', String(error));
});
const pool = createPool({ connectionString: databaseUrl, max: 20 });
await migrateDatabase(pool);
const worker = await startWorker({
  pool,
  ...(process.env.WORKER_CONCURRENCY ? { concurrency: Number(process.env.WORKER_CONCURRENCY) } : {}),
});
console.log(`[segflow] worker ${process.pid} running`);
onShutdownSignal(async () => {
  await worker.stop();
  await pool.end();
});
