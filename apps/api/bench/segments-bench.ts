import { spawnSync } from 'node:child_process';
import v8 from 'node:v8';
import { runInNewContext } from 'node:vm';
import { parseArgs } from 'node:util';
import { checkCondition, type Condition } from '@segflow/schema';
import type pg from 'pg';
import { migrateDatabase } from '../src/db/migrate';
import { createPool } from '../src/db/pool';
import { FactsIndexes } from '../src/segments/facts-index/facts-indexes';
import { previewSegment } from '../src/segments/preview';
import { matchSql } from '../src/segments/segment-sql';
import { apiDir, type Metric, percentile, report } from './bench-env';
import { benchTrees } from './segment-trees';

// `pnpm bench segments [-- --customers N --runs R]`: segment preview (count + share + first 50) over a
// seeded store, against the naive way (aggregating orders at query time instead of customer_stats).
// The store (N customers, 5 orders each on average, as the issue asks) lives in its own database,
// segflow_bench_segments_<N>_o<orders per customer>, seeded once and reused.
const { values } = parseArgs({
  options: {
    customers: { type: 'string', default: process.env.BENCH_SEGMENTS_CUSTOMERS ?? '1000000' },
    runs: { type: 'string', default: process.env.BENCH_SEGMENTS_RUNS ?? '5' },
    'orders-per-customer': { type: 'string', default: process.env.BENCH_SEGMENTS_ORDERS_PER_CUSTOMER ?? '5' },
    'naive-runs': { type: 'string', default: process.env.BENCH_SEGMENTS_NAIVE_RUNS ?? '1' },
    'sql-runs': { type: 'string', default: process.env.BENCH_SEGMENTS_SQL_RUNS ?? '1' },
  },
});
const customers = Number(values.customers);
const ordersPerCustomer = Number(values['orders-per-customer']);
const runs = Number(values.runs);
const naiveRuns = Number(values['naive-runs']);
const sqlRuns = Number(values['sql-runs']);
const adminUrl = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
const database = `segflow_bench_segments_${customers}_o${ordersPerCustomer}`;

async function ensureDatabase(): Promise<string> {
  const admin = createPool({ connectionString: adminUrl, max: 1 });
  const { rows } = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
  if (rows.length === 0) await admin.query(`CREATE DATABASE ${database}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

/** The seeded store of this size, seeding it first when absent or unfinished (slow: minutes). */
async function ensureStore(pool: pg.Pool, url: string): Promise<string> {
  const find = () =>
    pool.query<{ id: string }>(
      `SELECT id FROM stores WHERE settings->>'seeded' = 'true' ORDER BY created_at LIMIT 1`,
    );
  let found = (await find()).rows[0];
  if (!found) {
    console.error(`# seeding ${customers} customers into ${database} (once; reused by later runs)`);
    const seeded = spawnSync(
      process.execPath,
      [
        '--import',
        'tsx',
        'src/seed/seed-cli.ts',
        '--customers',
        String(customers),
        '--orders-per-customer',
        String(ordersPerCustomer),
        '--store',
        'bench',
      ],
      {
        cwd: apiDir,
        env: { ...process.env, DATABASE_URL: url },
        stdio: ['ignore', 'inherit', 'inherit'],
      },
    );
    if (seeded.status !== 0) throw new Error('seed failed');
    found = (await find()).rows[0];
  }
  return found!.id;
}

/** The same tree answered without the maintained stats: orders aggregated per customer at query time. */
async function naivePreview(pool: pg.Pool, storeId: string, condition: Condition, now: Date) {
  const match = matchSql(storeId, condition, { now, segmentIds: [] });
  const from = `customers c LEFT JOIN (
      SELECT o.customer_id, sum(o.total) AS lifetime_spend, count(*)::int AS order_count,
        round(avg(o.total)) AS average_order_value, min(o.created_at) AS first_order_at, max(o.created_at) AS last_order_at
      FROM orders o WHERE o.store_id = $1 GROUP BY o.customer_id) s ON s.customer_id = c.id`;
  await Promise.all([
    pool.query(`SELECT count(*) FROM ${from} WHERE ${match.where}`, match.params),
    pool.query('SELECT count(*) FROM customers WHERE store_id = $1', [storeId]),
    pool.query(
      `SELECT c.id FROM ${from} WHERE ${match.where} ORDER BY c.created_at DESC, c.id DESC LIMIT 51`,
      match.params,
    ),
  ]);
}

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await fn();
  return performance.now() - started;
}

const url = await ensureDatabase();
const pool = createPool({ connectionString: url, max: 6 });
await migrateDatabase(pool);
const storeId = await ensureStore(pool, url);
// As the seed ends: statistics and the visibility map (index-only scans), which autovacuum maintains
// in production; a no-op on an already vacuumed store.
await pool.query('VACUUM (ANALYZE) customers, customer_stats, order_items, orders');
const size = await pool.query<{ customers: string; orders: string }>(
  `SELECT (SELECT count(*) FROM customers WHERE store_id = $1) AS customers, (SELECT count(*) FROM orders WHERE store_id = $1) AS orders`,
  [storeId],
);
const now = new Date();
for (const tree of benchTrees) {
  const issues = checkCondition(tree, { eventFields: new Set() });
  if (issues.length > 0) throw new Error(`bench tree invalid: ${JSON.stringify(issues)}`);
}

// The store's in-memory index, built as the API builds it on a store's first preview.
const rssBefore = process.memoryUsage().rss;
const indexes = new FactsIndexes(pool);
const index = await indexes.whenReady(storeId);
if (!index) throw new Error('the segment index was not built');
// What the index keeps: RSS after a full collection (the load's buffers are garbage by then), and the peak.
v8.setFlagsFromString('--expose-gc');
(runInNewContext('gc') as () => void)();
const indexRssMb = (process.memoryUsage().rss - rssBefore) / 1024 / 1024;
const peakRssMb = process.resourceUsage().maxRSS / 1024;
console.error(
  `# index: ${index.columns.size} customers loaded in ${index.loadMs.toFixed(0)} ms, +${indexRssMb.toFixed(0)} MB RSS`,
);

/** Runs every tree `runs` times after a warm-up; the times, and p50 and count per tree. */
async function measure(label: string, runs: number, via?: FactsIndexes) {
  const all: number[] = [];
  const perTree: { tree: number; p50: number; count: number }[] = [];
  for (const [i, condition] of benchTrees.entries()) {
    const input = { condition, limit: 50, segmentIds: [], now };
    const first = await previewSegment(pool, storeId, input, via); // warm-up
    const times: number[] = [];
    for (let r = 0; r < runs; r++) times.push(await timed(() => previewSegment(pool, storeId, input, via)));
    all.push(...times);
    times.sort((a, b) => a - b);
    perTree.push({ tree: i, p50: Math.round(percentile(times, 50)), count: first.count });
    console.error(`# ${label} tree ${i}: count ${first.count}, p50 ${percentile(times, 50).toFixed(1)} ms`);
  }
  return { all: all.sort((a, b) => a - b), perTree };
}

const { all: fast, perTree } = await measure('index', runs, indexes);
const sql = await measure('sql', sqlRuns);
for (const [i, tree] of perTree.entries()) {
  if (tree.count !== sql.perTree[i]!.count)
    throw new Error(`tree ${i}: index counted ${tree.count}, SQL ${sql.perTree[i]!.count}`);
}
const naive: number[] = [];
for (const [i, condition] of benchTrees.entries()) {
  for (let r = 0; r < naiveRuns; r++)
    naive.push(await timed(() => naivePreview(pool, storeId, condition, now)));
  console.error(`# naive tree ${i}: ${naive.at(-1)!.toFixed(0)} ms`);
}
naive.sort((a, b) => a - b);
const round = (x: number) => Math.round(x * 10) / 10;
const p95 = percentile(fast, 95);
const naiveP95 = percentile(naive, 95);
const common = {
  customers: Number(size.rows[0]!.customers),
  orders: Number(size.rows[0]!.orders),
  trees: benchTrees.length,
};
const metrics: Metric[] = [
  { metric: 'segments.customers', value: common.customers, unit: 'customers', orders: common.orders },
  {
    metric: 'segments.preview_p50_ms',
    value: round(percentile(fast, 50)),
    unit: 'ms',
    ...common,
    runsPerTree: runs,
  },
  { metric: 'segments.preview_p95_ms', value: round(p95), unit: 'ms', ...common, runsPerTree: runs },
  { metric: 'segments.naive_p95_ms', value: round(naiveP95), unit: 'ms', ...common, runsPerTree: naiveRuns },
  {
    metric: 'segments.sql_preview_p50_ms',
    value: round(percentile(sql.all, 50)),
    unit: 'ms',
    ...common,
    runsPerTree: sqlRuns,
  },
  {
    metric: 'segments.sql_preview_p95_ms',
    value: round(percentile(sql.all, 95)),
    unit: 'ms',
    ...common,
    runsPerTree: sqlRuns,
  },
  { metric: 'segments.index_load_ms', value: Math.round(index.loadMs), unit: 'ms', ...common },
  { metric: 'segments.index_rss_mb', value: Math.round(indexRssMb), unit: 'MB', ...common, note: 'after GC' },
  {
    metric: 'segments.bench_peak_rss_mb',
    value: Math.round(peakRssMb),
    unit: 'MB',
    note: 'whole bench process, load included',
  },
  {
    metric: 'segments.speedup_vs_naive',
    value: round(naiveP95 / p95),
    unit: 'x',
    basis: 'naive p95 / preview p95',
  },
];
report('segments', metrics);
console.error(
  `# slowest trees (p50 ms): ${JSON.stringify([...perTree].sort((a, b) => b.p50 - a.p50).slice(0, 6))}`,
);
await pool.end();
