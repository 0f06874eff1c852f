import { describe, expect, it } from 'vitest';
import { createTestStore, waitFor } from '../testing/test-database';
import { createWorkflows, expectExactlyOnce, processHarness, orderEvents } from './reliability-kit';

const harness = processHarness('apikill');

describe('an API process killed while it executes ingested events inline', () => {
  it('loses and doubles nothing: the inline sweep gives the unfinished events to a worker after the grace period', async () => {
    const { pool, app } = harness.db;
    const storeId = await createTestStore(pool, 'apikill');
    const workflows = await createWorkflows(app, storeId);
    const { child: api, url } = await harness.spawnApi({ INLINE_GRACE_SECONDS: '1' });
    // Enough events that the API cannot finish them all before the kill lands (past 256 waiting
    // inline, ingest also gives some their jobs at once).
    const events = orderEvents(storeId, 500);
    const answers = await Promise.all(
      Array.from({ length: 25 }, async (_, i) => {
        const res = await fetch(`${url}/api/stores/${storeId}/events`, {
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

    harness.spawn('src/worker.ts', { WORKER_RECOVERY_STALE_MS: '200', INLINE_GRACE_SECONDS: '1' });
    await expectExactlyOnce(pool, storeId, workflows, events);
  }, 90_000);
});
