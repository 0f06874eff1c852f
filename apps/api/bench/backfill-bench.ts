// `pnpm bench backfill`: the Platinum / Gold / Silver backfill over a generated store (100,000
// customers by default, BENCH_CUSTOMERS to change) in a dedicated database. Prints progress while
// it runs, then one JSON line (`backfill.customers_per_s`), also written to $BENCH_RESULTS_DIR/backfill.json.
import { tierGraph, tierMismatchSql } from '../src/backfill/tier-graph';
import { buildApp } from '../src/app';
import { seedStore } from '../src/seed/seed-store';
import { startWorker } from '../src/worker/start-worker';
import { freshDatabase, report, until } from './bench-env';

const customers = Number(process.env.BENCH_CUSTOMERS ?? 100_000);
const storeId = 'bench';
const db = await freshDatabase('segflow_bench_backfill');
try {
  const seedStarted = Date.now();
  await seedStore(db.pool, {
    storeId,
    name: 'Backfill bench',
    customers,
    batchSize: 10_000,
    onProgress: (done, total) => process.stderr.write(`\rseed: ${done}/${total} customers`),
  });
  process.stderr.write(`\nseeded in ${((Date.now() - seedStarted) / 1000).toFixed(1)} s\n`);
  const app = await buildApp({ pool: db.pool });
  const worker = await startWorker({
    pool: db.pool,
    concurrency: Number(process.env.WORKER_CONCURRENCY ?? 4),
  });
  const created = await app.inject({
    method: 'POST',
    url: `/api/stores/${storeId}/workflows`,
    payload: { name: 'Tiers', graph: tierGraph() },
  });
  const workflowId = created.json().id as string;
  await app.inject({ method: 'POST', url: `/api/stores/${storeId}/workflows/${workflowId}/publish` });
  const started = await app.inject({
    method: 'POST',
    url: `/api/stores/${storeId}/workflows/${workflowId}/backfill`,
  });
  const backfillId = started.json().id as string;
  let last: { status: string; done: number; total: number; rate: number; etaSeconds: number | null } =
    started.json();
  await until(
    async () => {
      last = (await app.inject({ url: `/api/stores/${storeId}/backfills/${backfillId}` })).json();
      process.stderr.write(
        `\rbackfill: ${last.done}/${last.total} (${last.rate}/s, eta ${last.etaSeconds ?? '-'} s)   `,
      );
      return last.status !== 'running';
    },
    3_600_000,
    1_000,
  );
  process.stderr.write('\n');
  const { rows } = await db.pool.query<{ seconds: number }>(
    'SELECT extract(epoch FROM finished_at - started_at)::float8 AS seconds FROM backfills WHERE id = $1',
    [backfillId],
  );
  const mismatches = (await db.pool.query(tierMismatchSql, [storeId])).rows[0].n as number;
  await worker.stop();
  await app.close();
  report('backfill', [
    {
      metric: 'backfill.customers_per_s',
      value: Math.round(last.total / rows[0]!.seconds),
      unit: 'customers/s',
      customers: last.total,
      seconds: Math.round(rows[0]!.seconds * 10) / 10,
      status: last.status,
      wrongGroups: mismatches,
    },
  ]);
} finally {
  await db.drop();
}
