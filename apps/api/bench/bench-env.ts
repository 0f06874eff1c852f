import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type pg from 'pg';
import { migrateDatabase } from '../src/db/migrate';
import { createPool } from '../src/db/pool';

/** apps/api, where the entry points live. */
export const apiDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** One benchmark figure, printed as a JSON line and written to bench/results/<suite>.json. */
export interface Metric {
  metric: string;
  value: number;
  unit: string;
  [extra: string]: unknown;
}

/** Prints metrics as JSON lines and writes them to `<repo>/bench/results/<suite>.json`. */
export function report(suite: string, metrics: Metric[]): void {
  for (const m of metrics) console.log(JSON.stringify(m));
  const dir = process.env.BENCH_RESULTS_DIR ?? path.resolve(apiDir, '../../bench/results');
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, `${suite}.json`), `${metrics.map((m) => JSON.stringify(m)).join('\n')}\n`);
}

/** Creates a fresh, migrated database next to DATABASE_URL's; drop it with the returned function. */
export async function freshDatabase(
  prefix: string,
): Promise<{ name: string; url: string; pool: pg.Pool; drop(): Promise<void> }> {
  const adminUrl = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
  const name = `${prefix}_${Date.now().toString(36)}`;
  const admin = createPool({ connectionString: adminUrl, max: 1 });
  await admin.query(`CREATE DATABASE ${name}`);
  const parsed = new URL(adminUrl);
  parsed.pathname = `/${name}`;
  const url = parsed.toString();
  const pool = createPool({ connectionString: url, max: 20 });
  await migrateDatabase(pool);
  return {
    name,
    url,
    pool,
    async drop() {
      await pool.end();
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    },
  };
}

/**
 * Starts an entry point (`src/server.ts`, `src/worker.ts`) as a separate process. With
 * `BENCH_CPU_PROF=<dir>`, each writes a V8 CPU profile there when it stops (open it in Chrome
 * DevTools' Performance panel or speedscope).
 */
export function startProcess(entry: string, env: Record<string, string>): ChildProcess {
  const profile = process.env.BENCH_CPU_PROF
    ? ['--cpu-prof', '--cpu-prof-dir', path.resolve(process.env.BENCH_CPU_PROF)]
    : [];
  return spawn(process.execPath, [...profile, '--import', 'tsx', entry], {
    cwd: apiDir,
    env: { ...process.env, LOG_LEVEL: 'error', ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

/** Resident set size of a process in MB (Linux /proc). */
export async function rssMb(pid: number): Promise<number> {
  const { readFile } = await import('node:fs/promises');
  const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return Math.round(kb / 1024);
}

/** CPU time (user + system) a process has used so far, in ms (Linux /proc; 0 when unreadable). */
export async function cpuMs(pid: number): Promise<number> {
  const { readFile } = await import('node:fs/promises');
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '');
  // Fields after the parenthesised command name: utime and stime are the 12th and 13th.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[11] ?? 0) + Number(fields[12] ?? 0);
  return Number.isFinite(ticks) ? ticks * 10 : 0; // USER_HZ is 100 on Linux
}

/**
 * CPU time used so far by the Postgres backends serving `database` (a local server only), in ms:
 * with the worker's own CPU, the cost of an execution in CPU, which a busy machine does not
 * distort the way it distorts wall-clock rates.
 */
export async function databaseCpuMs(pool: pg.Pool, database: string): Promise<Map<number, number>> {
  const { rows } = await pool.query<{ pid: number }>(
    'SELECT pid FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()',
    [database],
  );
  const out = new Map<number, number>();
  for (const { pid } of rows) out.set(pid, await cpuMs(pid));
  return out;
}

/** Polls until `probe` is true. */
export async function until(probe: () => Promise<boolean>, timeoutMs: number, everyMs = 50): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error('bench: timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}

/** The p-th percentile of a sorted array. */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** The 1-minute load average (the machine is shared: every figure carries it). */
export function loadAverage(): number {
  return Number(os.loadavg()[0]!.toFixed(2));
}

/** What one load process sent. */
export interface LoadResult {
  total: number;
  ok: number;
  non2xx: number;
  errors: number;
}

/**
 * Runs HTTP load from a separate process (`pipeline-load.ts`: autocannon, or paced requests), so the
 * generator never competes with the bench's own event loop; `rate` caps requests/s overall.
 */
export async function runLoad(args: {
  url: string;
  seconds: number;
  batch: number;
  connections: number;
  rate?: number;
}): Promise<LoadResult> {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      'bench/pipeline-load.ts',
      JSON.stringify({
        url: args.url,
        seconds: args.seconds,
        batch: args.batch,
        c: args.connections,
        rate: args.rate,
      }),
    ],
    { cwd: apiDir, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  let out = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    out += chunk.toString();
  });
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  const line = out.trim().split('\n').at(-1) ?? '';
  if (code !== 0 || !line.startsWith('{')) throw new Error(`load process failed (${code}): ${out}`);
  return JSON.parse(line) as LoadResult;
}

/** SIGTERM, then waits for the exit (SIGKILL after 10 s), so nothing still runs on a dropped database. */
export async function stopProcess(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}
