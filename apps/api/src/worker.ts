// First: sets how far the heap may grow between full GCs before the other modules load.
import './runtime/heap-growth';
import { migrateDatabase } from './db/migrate';
import { createPool } from './db/pool';
import { keepAliveOnWorkerRejections, onShutdownSignal } from './runtime/services';
import { startWorker } from './worker/start-worker';

// Entry point `worker`: graphile-worker tasks only, for scale-out (run as many as you like).
const databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) {
  console.error('DATABASE_URL is required');
  process.exit(2);
}
keepAliveOnWorkerRejections('worker');
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
