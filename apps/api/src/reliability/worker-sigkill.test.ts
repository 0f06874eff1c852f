import { describe, expect, it } from 'vitest';
import { createTestStore, waitFor } from '../testing/test-database';
import { createWorkflows, processHarness, expectExactlyOnce, orderEvents } from './reliability-kit';

const harness = processHarness('kill');

describe('a worker process killed mid-batch', () => {
  it('loses and doubles nothing: a restarted worker takes over the dead one’s claimed jobs', async () => {
    const { pool, app } = harness.db;
    const storeId = await createTestStore(pool, 'kill');
    const workflows = await createWorkflows(app, storeId);
    const events = orderEvents(storeId, 150);
    for (let i = 0; i < events.length; i += 50) {
      const res = await app.inject({
        method: 'POST',
        url: `/api/stores/${storeId}/events`,
        payload: { events: events.slice(i, i + 50) },
      });
      expect(res.json().accepted).toHaveLength(50);
    }
    const progress = async () =>
      (
        await pool.query(
          `SELECT count(*) FILTER (WHERE processed_at IS NOT NULL)::int AS applied,
                  (SELECT count(*)::int FROM event_routes r JOIN events x ON x.id = r.event_id WHERE x.store_id = $1) AS routed
           FROM events WHERE store_id = $1`,
          [storeId],
        )
      ).rows[0] as { applied: number; routed: number };

    const first = harness.spawn('src/worker.ts');
    // The first batch is applied, its runs are under way: kill now, in the middle.
    await waitFor(async () => ((await progress()).applied > 0 ? true : undefined), 25_000, 5);
    first.kill('SIGKILL');
    await new Promise((resolve) => first.once('exit', resolve));
    const atKill = await progress();
    const { rows: locked } = await pool.query(
      `SELECT count(*)::int AS n FROM graphile_worker._private_jobs WHERE locked_by IS NOT NULL`,
    );
    expect(atKill.routed).toBeLessThan(events.length);
    expect(locked[0].n).toBeGreaterThan(0); // jobs the dead worker had claimed

    harness.spawn('src/worker.ts', { WORKER_RECOVERY_STALE_MS: '200' });
    await expectExactlyOnce(pool, storeId, workflows, events);
  }, 60_000);
});
