import type { ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../local/embedded-postgres';
import { createTestStore, waitFor } from '../testing/test-database';
import {
  createWorkflows,
  expectExactlyOnce,
  isolatedDatabase,
  orderEvents,
  spawnEntry,
  stopEntry,
  waitAllRouted,
} from './reliability-kit';

let db: Awaited<ReturnType<typeof isolatedDatabase>>;
const children: ChildProcess[] = [];

beforeAll(async () => {
  db = await isolatedDatabase('apikill');
});
afterAll(async () => {
  await Promise.all(children.map((child) => stopEntry(child)));
  await db?.drop();
});

describe('an API process killed while it executes ingested events inline', () => {
  it('loses and doubles nothing: a worker takes the safety-net jobs after their grace period', async () => {
    const { pool, app } = db;
    const storeId = await createTestStore(pool, 'apikill');
    const workflows = await createWorkflows(app, storeId);
    const port = await freePort();
    const api = spawnEntry('src/server.ts', db.url, {
      WORKER: 'off',
      INLINE_GRACE_SECONDS: '1',
      HOST: '127.0.0.1',
      PORT: String(port),
    });
    children.push(api);
    await waitFor(
      async () =>
        (await fetch(`http://127.0.0.1:${port}/api/health`).catch(() => null))?.ok ? true : undefined,
      60_000,
      100,
    );
    const events = orderEvents(storeId, 200);
    const answers = await Promise.all(
      Array.from({ length: 10 }, async (_, i) => {
        const res = await fetch(`http://127.0.0.1:${port}/api/stores/${storeId}/events`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ events: events.slice(i * 20, i * 20 + 20) }),
        });
        return ((await res.json()) as { accepted: string[] }).accepted.length;
      }),
    );
    expect(answers.reduce((a, b) => a + b)).toBe(events.length);
    const routed = async () =>
      (
        await pool.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM event_routes r JOIN events e ON e.id = r.event_id WHERE e.store_id = $1`,
          [storeId],
        )
      ).rows[0]!.n;
    // Every event is stored and answered for, the API has executed some of them: kill it now.
    await waitFor(async () => ((await routed()) > 0 ? true : undefined), 25_000, 5);
    api.kill('SIGKILL');
    await new Promise((resolve) => api.once('exit', resolve));
    expect(await routed()).toBeLessThan(events.length);

    const worker = spawnEntry('src/worker.ts', db.url, { WORKER_RECOVERY_STALE_MS: '200' });
    children.push(worker);
    await waitAllRouted(
      pool,
      storeId,
      events.map((e) => e.id),
    );
    await expectExactlyOnce(pool, storeId, workflows, events);
  }, 90_000);
});
