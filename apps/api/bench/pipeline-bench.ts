import autocannon from 'autocannon';
import { freePort } from '../src/local/embedded-postgres';
import { freshDatabase, type Metric, percentile, report, rssMb, startProcess, until } from './bench-env';

// `pnpm bench pipeline`: ingest/s over HTTP (autocannon, server in its own process) next to a raw
// durable insert loop; end-to-end executions/s with 50 active workflows (worker in its own
// process); event → first action latency at 500 events/s; worker RSS. BENCH_SECONDS (default 60)
// bounds the sustained phase; BENCH_INGEST_SECONDS (default 10) the ingest phases.
const sustainedSeconds = Number(process.env.BENCH_SECONDS ?? 60);
const ingestSeconds = Number(process.env.BENCH_INGEST_SECONDS ?? 10);
const latencyRate = Number(process.env.BENCH_LATENCY_RATE ?? 500);
const latencySeconds = Number(process.env.BENCH_LATENCY_SECONDS ?? 10);
const states = Array.from({ length: 50 }, (_, i) => `S${i}`);
const storeId = 'bench';
let counter = 0;

function event(prefix: string) {
  counter += 1;
  const at = new Date().toISOString();
  return {
    id: `${prefix}-${counter}`,
    type: 'order.created',
    occurredAt: at,
    customer: {
      externalId: `bc-${counter % 5000}`,
      email: `bc${counter % 5000}@example.com`,
      address: { country: 'US', state: states[counter % 50] },
    },
    order: {
      externalId: `${prefix}-o${counter}`,
      total: 12900,
      currency: 'USD',
      status: 'paid',
      createdAt: at,
      items: [{ sku: 'IPH-15', category: 'Phones', brand: 'Apple', quantity: 1, unitPrice: 12900 }],
    },
  };
}

function workflowGraph(state: string) {
  const n = (id: string, type: string, config: object) => ({ id, type, position: { x: 0, y: 0 }, config });
  return {
    schemaVersion: 1,
    nodes: [
      n('t1', 'trigger.order_created', {}),
      n('c1', 'condition.if', { condition: { all: [{ field: 'customer.state', op: 'eq', value: state }] } }),
      n('a1', 'action.assign_group', { group: `Group ${state}` }),
    ],
    edges: [
      { id: 'e1', source: 't1', target: 'c1' },
      { id: 'e2', source: 'c1', sourceHandle: 'true', target: 'a1' },
    ],
  };
}

const db = await freshDatabase('segflow_bench');
const metrics: Metric[] = [];
const port = await freePort();
let worker: ReturnType<typeof startProcess> | undefined;
const server = startProcess('src/server.ts', {
  DATABASE_URL: db.url,
  PORT: String(port),
  HOST: '127.0.0.1',
  WORKER: 'off',
});
try {
  await db.pool.query(`INSERT INTO stores (id, name) VALUES ($1, 'Bench')`, [storeId]);
  const base = `http://127.0.0.1:${port}/api/stores/${storeId}`;
  await until(
    async () => (await fetch(`http://127.0.0.1:${port}/api/health`).catch(() => null))?.ok === true,
    30_000,
    200,
  );
  for (const state of states) {
    const response = await fetch(`${base}/workflows`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: state, graph: workflowGraph(state) }),
    });
    const created = (await response.json()) as { id: string };
    await fetch(`${base}/workflows/${created.id}/publish`, { method: 'POST' });
    await fetch(`${base}/workflows/${created.id}/activate`, { method: 'POST' });
  }

  // 1. Ingest over HTTP (one event per request), then the raw durable insert loop, same Postgres.
  const ingest = await autocannon({
    url: `${base}/events`,
    method: 'POST',
    connections: 32,
    duration: ingestSeconds,
    headers: { 'content-type': 'application/json' },
    requests: [{ setupRequest: (req) => ({ ...req, body: JSON.stringify(event('ing')) }) }],
  });
  const ingestPerS = ingest.requests.average;
  metrics.push({
    metric: 'pipeline.ingest_per_s',
    value: Math.round(ingestPerS),
    unit: 'events/s',
    non2xx: ingest.non2xx,
    connections: 32,
  });
  const raw = await rawInsertLoop(db.pool, ingestSeconds);
  metrics.push({
    metric: 'pipeline.raw_insert_per_s',
    value: Math.round(raw),
    unit: 'rows/s',
    note: 'INSERT … RETURNING, 32 concurrent, one row per statement',
  });
  metrics.push({
    metric: 'pipeline.ingest_vs_raw_ratio',
    value: Number((ingestPerS / raw).toFixed(2)),
    unit: 'ratio',
  });

  // 2. Executions: the ingested backlog (one action per event, 50 routed runs) drained by a worker process.
  const backlog = Number(
    (await db.pool.query(`SELECT count(*) FROM events WHERE store_id = $1`, [storeId])).rows[0].count,
  );
  worker = startProcess('src/worker.ts', { DATABASE_URL: db.url, WORKER_CONCURRENCY: '10' });
  let peakRss = 0;
  const startedAt = Date.now();
  const done = () =>
    db.pool
      .query(`SELECT count(*)::int AS n FROM action_executions WHERE store_id = $1`, [storeId])
      .then((r) => r.rows[0].n as number);
  const deadline = startedAt + sustainedSeconds * 1000;
  let acted = 0;
  while (Date.now() < deadline && acted < backlog) {
    await new Promise((resolve) => setTimeout(resolve, 1000));
    acted = await done();
    peakRss = Math.max(peakRss, await rssMb(worker.pid!));
  }
  const seconds = (Date.now() - startedAt) / 1000;
  const runs = Number(
    (await db.pool.query(`SELECT count(*) FROM runs WHERE store_id = $1`, [storeId])).rows[0].count,
  );
  metrics.push({
    metric: 'pipeline.executions_per_s',
    value: Math.round(acted / seconds),
    unit: 'executions/s',
    note: 'event → stats → 50 routed runs → one persisted action',
    backlog,
    seconds: Number(seconds.toFixed(1)),
  });
  metrics.push({ metric: 'pipeline.runs_per_s', value: Math.round(runs / seconds), unit: 'runs/s' });

  // 3. Latency at 500 events/s: event received → its first action committed (database clock).
  await db.pool.query(`DELETE FROM graphile_worker._private_jobs`); // drop the unprocessed backlog
  await new Promise((resolve) => setTimeout(resolve, 2000));
  const baseline = await done();
  const before = new Date();
  const latencyEvents = await postAtRate(`${base}/events`, latencyRate, latencySeconds);
  await until(async () => (await done()) >= baseline + latencyEvents, 60_000, 200).catch(() => {
    console.error('# latency phase: the worker did not keep up; percentiles cover what finished');
  });
  const lat = await db.pool.query<{ ms: number }>(
    `SELECT extract(epoch FROM (min(a.executed_at) - e.received_at)) * 1000 AS ms
     FROM events e JOIN runs r ON r.event_id = e.id JOIN action_executions a ON a.run_id = r.id
     WHERE e.store_id = $1 AND e.received_at >= $2 GROUP BY e.id, e.received_at ORDER BY 1`,
    [storeId, before],
  );
  const sorted = lat.rows.map((r) => Number(r.ms));
  metrics.push({
    metric: 'pipeline.latency_p50_ms',
    value: Number(percentile(sorted, 50).toFixed(1)),
    unit: 'ms',
    rate: latencyRate,
    sent: latencyEvents,
    samples: sorted.length,
  });
  metrics.push({
    metric: 'pipeline.latency_p99_ms',
    value: Number(percentile(sorted, 99).toFixed(1)),
    unit: 'ms',
    rate: latencyRate,
    sent: latencyEvents,
    samples: sorted.length,
  });
  metrics.push({
    metric: 'pipeline.worker_rss_mb',
    value: Math.max(peakRss, await rssMb(worker.pid!)),
    unit: 'MB',
  });
} finally {
  worker?.kill('SIGTERM');
  server.kill('SIGTERM');
  await new Promise((resolve) => setTimeout(resolve, 1000));
  report('pipeline', metrics);
  await db.drop();
}

async function rawInsertLoop(pool: import('pg').Pool, seconds: number): Promise<number> {
  await pool.query(
    `CREATE TABLE raw_inserts (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, store_id text, event_id text, payload jsonb, UNIQUE (store_id, event_id))`,
  );
  const payload = JSON.stringify(event('raw'));
  let n = 0;
  const end = Date.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: 32 }, async (_, c) => {
      while (Date.now() < end) {
        await pool.query(
          `INSERT INTO raw_inserts (store_id, event_id, payload) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING id`,
          [storeId, `raw-${c}-${n}`, payload],
        );
        n += 1;
      }
    }),
  );
  return n / seconds;
}

async function postAtRate(url: string, rate: number, seconds: number): Promise<number> {
  let sent = 0;
  const started = Date.now();
  const inflight: Promise<unknown>[] = [];
  while (Date.now() - started < seconds * 1000) {
    const due = Math.floor(((Date.now() - started) / 1000) * rate);
    while (sent < due) {
      sent += 1;
      inflight.push(
        fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(event('lat')),
        }),
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  await Promise.all(inflight);
  return sent;
}
