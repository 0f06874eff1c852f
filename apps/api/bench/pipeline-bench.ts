import os from 'node:os';
import { freePort } from '../src/local/embedded-postgres';
import {
  cpuMs,
  databaseCpuMs,
  freshDatabase,
  loadAverage,
  type Metric,
  percentile,
  report,
  rssMb,
  runLoad,
  startProcess,
  stopProcess,
  until,
} from './bench-env';
import { benchEvent, states } from './bench-events';

// `pnpm bench pipeline`. Three processes besides this one: the API (HTTP only), the worker, and
// the HTTP load (`pipeline-load.ts`), so the load generator never
// shares an event loop with what it measures.
// 1. ingest/s over HTTP (batches of BENCH_INGEST_BATCH events per request, and one event per
//    request), and in the same run the raw durable insert loop at the same concurrency and rows
//    per statement; the ratios.
// 2. executions/s: the ingested backlog (50 active workflows, one acts per event) drained by the
//    worker process for at most BENCH_SECONDS; its peak RSS.
// 3. event → first action latency at BENCH_LATENCY_RATE events/s (one event per request, paced
//    evenly; see pipeline-load.ts), measured after BENCH_LATENCY_WARMUP_SECONDS of the same load (the fresh
//    worker's first seconds are its JIT warming up, not its steady state); and the CPU per event
//    of the API, the worker and their Postgres backends meanwhile (steadier than the percentiles
//    on a shared machine: what an A/B of the latency path should compare first).
const sustainedSeconds = Number(process.env.BENCH_SECONDS ?? 60);
const ingestSeconds = Number(process.env.BENCH_INGEST_SECONDS ?? 10);
const ingestBatch = Number(process.env.BENCH_INGEST_BATCH ?? 50);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 16);
const latencyRate = Number(process.env.BENCH_LATENCY_RATE ?? 500);
const latencySeconds = Number(process.env.BENCH_LATENCY_SECONDS ?? 10);
const latencyWarmupSeconds = Number(process.env.BENCH_LATENCY_WARMUP_SECONDS ?? 5);
const storeId = 'bench';

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

async function main() {
  const db = await freshDatabase('segflow_bench');
  const metrics: Metric[] = [];
  const port = await freePort();
  let worker: ReturnType<typeof startProcess> | undefined;
  // The API alone (phases 1 and 2: ingest measured on its own, the backlog left to the worker),
  // then with inline execution (phase 3), as `server` runs by default.
  const startApi = async (inline: boolean) => {
    const api = startProcess('src/server.ts', {
      DATABASE_URL: db.url,
      PORT: String(port),
      HOST: '127.0.0.1',
      WORKER: 'off',
      INLINE_EXECUTION: inline ? 'on' : 'off',
    });
    await until(
      async () => (await fetch(`http://127.0.0.1:${port}/api/health`).catch(() => null))?.ok === true,
      30_000,
      200,
    );
    return api;
  };
  let server: ReturnType<typeof startProcess> | undefined;
  try {
    await db.pool.query(`INSERT INTO stores (id, name) VALUES ($1, 'Bench')`, [storeId]);
    const base = `http://127.0.0.1:${port}/api/stores/${storeId}`;
    server = await startApi(false);
    for (const state of states) await createWorkflow(base, state);

    // 1. Ingest over HTTP from the load process, then the raw insert loop, same Postgres, same shape.
    for (const batch of [ingestBatch, 1]) {
      const load = await runLoad({ url: `${base}/events`, seconds: ingestSeconds, batch, connections });
      const perS = (load.ok * batch) / ingestSeconds;
      const raw = await rawInsertLoop(db.pool, ingestSeconds, batch, `raw${batch}`);
      const suffix = batch === ingestBatch ? '' : '_single';
      metrics.push({
        metric: `pipeline.ingest${suffix}_per_s`,
        value: Math.round(perS),
        unit: 'events/s',
        eventsPerRequest: batch,
        connections,
        non2xx: load.non2xx,
        errors: load.errors,
        load: loadAverage(),
      });
      metrics.push({
        metric: `pipeline.raw_insert${suffix}_per_s`,
        value: Math.round(raw),
        unit: 'rows/s',
        rowsPerStatement: batch,
        connections,
        note: 'INSERT … ON CONFLICT DO NOTHING RETURNING into a table shaped like events',
      });
      metrics.push({
        metric: `pipeline.ingest_vs_raw${suffix}_ratio`,
        value: Number((perS / raw).toFixed(2)),
        unit: 'ratio',
      });
    }

    // 2. Executions: the ingested backlog (50 routed runs per event, one acts) drained by the worker.
    const backlog = Number(
      (await db.pool.query(`SELECT count(*) FROM events WHERE store_id = $1`, [storeId])).rows[0].count,
    );
    worker = startProcess('src/worker.ts', { DATABASE_URL: db.url });
    const peak = { rss: 0 };
    const acted = () =>
      db.pool
        .query(`SELECT count(*)::int AS n FROM action_executions WHERE store_id = $1`, [storeId])
        .then((r) => r.rows[0].n as number);
    // Measure from the first action on (the worker's start-up and migration check are not throughput).
    await until(async () => (await acted()) > 0, 60_000, 100);
    const startedAt = Date.now();
    const first = await acted();
    const cpuBefore = { worker: await cpuMs(worker.pid!), db: await databaseCpuMs(db.pool, db.name) };
    const deadline = startedAt + sustainedSeconds * 1000;
    let done = first;
    while (Date.now() < deadline && done < backlog) {
      await new Promise((resolve) => setTimeout(resolve, 500));
      done = await acted();
      peak.rss = Math.max(peak.rss, await rssMb(worker.pid!));
    }
    const seconds = (Date.now() - startedAt) / 1000;
    const workerCpu = (await cpuMs(worker.pid!)) - cpuBefore.worker;
    let dbCpu = 0;
    for (const [pid, ms] of await databaseCpuMs(db.pool, db.name)) dbCpu += ms - (cpuBefore.db.get(pid) ?? 0);
    const counted = await db.pool.query<{ runs: string; counted: string }>(
      `SELECT (SELECT count(*) FROM runs WHERE store_id = $1) AS runs,
              (SELECT coalesce(sum(n), 0) FROM path_counts WHERE store_id = $1 AND node_id = '') AS counted`,
      [storeId],
    );
    metrics.push({
      metric: 'pipeline.executions_per_s',
      value: Math.round((done - first) / seconds),
      unit: 'executions/s',
      note: 'event → stats → 50 routed runs (49 counted, 1 stored) → one persisted action',
      backlog,
      executed: done,
      seconds: Number(seconds.toFixed(1)),
      load: loadAverage(),
    });
    // CPU per execution (worker + its Postgres backends): what the rate would be on an idle machine
    // is bounded by cores / this, and it moves little when other work shares the machine.
    const executions = Math.max(1, done - first);
    metrics.push({
      metric: 'pipeline.cpu_ms_per_execution',
      value: Number(((workerCpu + dbCpu) / executions).toFixed(3)),
      unit: 'ms',
      workerMs: Number((workerCpu / executions).toFixed(3)),
      postgresMs: Number((dbCpu / executions).toFixed(3)),
      cores: os.cpus().length,
    });
    metrics.push({
      metric: 'pipeline.runs_per_s',
      value: Math.round((Number(counted.rows[0]!.runs) + Number(counted.rows[0]!.counted)) / seconds),
      unit: 'runs/s',
      storedRuns: Number(counted.rows[0]!.runs),
      countedRuns: Number(counted.rows[0]!.counted),
    });

    // 3. Latency at a fixed rate: event received → its first action committed (database clock).
    // The backlog left from phase 2 is dropped and the worker replaced by a fresh one: jobs it had
    // already claimed into its local queue (up to 200 × 32 events) would otherwise still be ahead
    // of the measured events.
    peak.rss = Math.max(peak.rss, await rssMb(worker.pid!));
    await db.pool.query(`DELETE FROM graphile_worker._private_jobs WHERE task_id IN
      (SELECT id FROM graphile_worker._private_tasks WHERE identifier = 'apply_event')`);
    worker.kill('SIGKILL');
    await new Promise((resolve) =>
      worker!.exitCode !== null ? resolve(null) : worker!.once('exit', resolve),
    );
    worker = startProcess('src/worker.ts', { DATABASE_URL: db.url });
    // Ready once its runner holds its presence lock (worker-presence.ts, namespace 0x5e6f).
    await until(
      async () =>
        (
          await db.pool.query(
            `SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND classid = x'5e6f'::int AND granted`,
          )
        ).rowCount! > 0,
      60_000,
      100,
    );
    await stopProcess(server);
    // What autovacuum would have done by now (this machine's Postgres runs without it): phase 2
    // left every customer's stats and profile rows updated a dozen times over.
    await db.pool.query('VACUUM (ANALYZE)');
    server = await startApi(process.env.BENCH_INLINE !== 'off');
    const before = new Date();
    const baseline = await acted();
    const latCpuBefore = {
      api: await cpuMs(server.pid!),
      worker: await cpuMs(worker.pid!),
      db: await databaseCpuMs(db.pool, db.name),
    };
    const lat = await runLoad({
      url: `${base}/events`,
      seconds: latencyWarmupSeconds + latencySeconds,
      batch: 1,
      connections: 32,
      rate: latencyRate,
    });
    const latApiCpu = (await cpuMs(server.pid!)) - latCpuBefore.api;
    const latWorkerCpu = (await cpuMs(worker.pid!)) - latCpuBefore.worker;
    let latDbCpu = 0;
    for (const [pid, ms] of await databaseCpuMs(db.pool, db.name))
      latDbCpu += ms - (latCpuBefore.db.get(pid) ?? 0);
    metrics.push({
      metric: 'pipeline.latency_cpu_ms_per_event',
      value: Number(((latApiCpu + latWorkerCpu + latDbCpu) / Math.max(1, lat.ok)).toFixed(3)),
      unit: 'ms',
      apiMs: Number((latApiCpu / Math.max(1, lat.ok)).toFixed(3)),
      workerMs: Number((latWorkerCpu / Math.max(1, lat.ok)).toFixed(3)),
      postgresMs: Number((latDbCpu / Math.max(1, lat.ok)).toFixed(3)),
      note: 'CPU of the API (ingest + inline execution), the worker and their Postgres backends per event, latency phase',
    });
    const keptUp = await until(async () => (await acted()) >= baseline + lat.ok, 60_000, 200).then(
      () => true,
      () => {
        console.error('# latency phase: the worker did not keep up; percentiles cover what finished');
        return false;
      },
    );
    peak.rss = Math.max(peak.rss, await rssMb(worker.pid!));
    const rows = await db.pool.query<{ ms: number }>(
      `WITH measured AS (
         SELECT e.id, e.received_at FROM events e
         WHERE e.store_id = $1 AND e.received_at >= (
           SELECT min(received_at) + make_interval(secs => $3) FROM events WHERE store_id = $1 AND received_at >= $2)
       )
       SELECT extract(epoch FROM (min(a.executed_at) - e.received_at)) * 1000 AS ms
       FROM measured e JOIN runs r ON r.event_id = e.id JOIN action_executions a ON a.run_id = r.id
       WHERE r.store_id = $1 AND a.store_id = $1 GROUP BY e.id, e.received_at ORDER BY 1`,
      [storeId, before, latencyWarmupSeconds],
    );
    const sorted = rows.rows.map((r) => Number(r.ms));
    // Above the worker's throughput the figure is the backlog's age, not the pipeline's latency.
    const backlogged = !keptUp || percentile(sorted, 50) > 1_000;
    const common = {
      rate: latencyRate,
      warmupSeconds: latencyWarmupSeconds,
      sent: lat.ok,
      samples: sorted.length,
      backlogged,
      load: loadAverage(),
    };
    metrics.push({
      metric: 'pipeline.latency_p50_ms',
      value: Number(percentile(sorted, 50).toFixed(1)),
      unit: 'ms',
      ...common,
    });
    metrics.push({
      metric: 'pipeline.latency_p99_ms',
      value: Number(percentile(sorted, 99).toFixed(1)),
      unit: 'ms',
      ...common,
    });
    metrics.push({ metric: 'pipeline.worker_rss_mb', value: peak.rss, unit: 'MB' });
  } finally {
    await Promise.all([stopProcess(worker), stopProcess(server)]);
    report('pipeline', metrics);
    if (!process.env.BENCH_KEEP_DATABASE) await db.drop();
  }
}

async function createWorkflow(base: string, state: string) {
  const post = (url: string, body?: unknown) =>
    fetch(url, {
      method: 'POST',
      headers: body ? { 'content-type': 'application/json' } : {},
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
  const created = (await (
    await post(`${base}/workflows`, { name: state, graph: workflowGraph(state) })
  ).json()) as {
    id: string;
  };
  await post(`${base}/workflows/${created.id}/publish`);
  await post(`${base}/workflows/${created.id}/activate`);
}

/** The physical reference: the same rows per statement and concurrency, straight into Postgres. */
async function rawInsertLoop(pool: import('pg').Pool, seconds: number, batch: number, table: string) {
  await pool.query(
    `CREATE TABLE ${table} (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, store_id text, event_id text,
       type text, payload jsonb, occurred_at timestamptz, received_at timestamptz DEFAULT now(), UNIQUE (store_id, event_id))`,
  );
  let n = 0;
  const end = Date.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (Date.now() < end) {
        const rows = Array.from({ length: batch }, () => benchEvent(table));
        await pool.query(
          `INSERT INTO ${table} (store_id, event_id, type, payload, occurred_at)
           SELECT $1, e->>'id', e->>'type', e, (e->>'occurredAt')::timestamptz FROM jsonb_array_elements($2::jsonb) e
           ON CONFLICT DO NOTHING RETURNING id`,
          [storeId, JSON.stringify(rows)],
        );
        n += batch;
      }
    }),
  );
  return n / seconds;
}

await main();
