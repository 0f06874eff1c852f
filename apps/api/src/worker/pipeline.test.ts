import { isNodeType } from '@segflow/schema';
import { describe, expect, it } from 'vitest';
import { orderEvent, vipGraph } from '../testing/test-app';
import { getTestPool, waitFor } from '../testing/test-database';
import { useTestPipeline } from '../testing/test-pipeline';

const t = useTestPipeline();

async function postEvents(events: unknown[]) {
  const res = await t.app.inject({
    method: 'POST',
    url: `/api/stores/${t.storeId}/events`,
    payload: { events },
  });
  expect(res.statusCode).toBe(202);
  return res.json() as { accepted: string[]; duplicates: string[]; rejected: unknown[] };
}

async function customer(externalId: string) {
  const res = await t.app.inject({ url: `/api/stores/${t.storeId}/customers/${externalId}` });
  return res.statusCode === 200 ? res.json() : undefined;
}

async function processedCount(ids: string[]) {
  const { rows } = await getTestPool().query(
    'SELECT count(*)::int AS n FROM events WHERE store_id = $1 AND event_id = ANY($2) AND processed_at IS NOT NULL',
    [t.storeId, ids],
  );
  return rows[0].n as number;
}

describe('event pipeline', () => {
  it('puts a customer whose orders sum past $5,000 into "VIP member" via a published, active workflow', async () => {
    const graph = vipGraph({ withEmail: isNodeType('action.send_email') });
    const created = await t.app.inject({
      method: 'POST',
      url: `/api/stores/${t.storeId}/workflows`,
      payload: { name: 'VIP', graph },
    });
    const { id } = created.json();
    const published = await t.app.inject({
      method: 'POST',
      url: `/api/stores/${t.storeId}/workflows/${id}/publish`,
    });
    expect(published.statusCode, published.body).toBe(200);
    expect(
      (await t.app.inject({ method: 'POST', url: `/api/stores/${t.storeId}/workflows/${id}/activate` }))
        .statusCode,
    ).toBe(200);

    const first = await postEvents([orderEvent('vip-1', 300000)]);
    await waitFor(async () => ((await processedCount(first.accepted)) === 1 ? true : undefined));
    expect((await customer('vip-1')).group).toBeNull();

    await postEvents([orderEvent('vip-1', 250000)]);
    const vip = await waitFor(async () => {
      const c = await customer('vip-1');
      return c?.group === 'VIP member' ? c : undefined;
    });
    expect(vip.stats).toMatchObject({ lifetimeSpend: 550000, orderCount: 2 });

    // The first run's path ended at "false" without an action: counted and recorded on the event's
    // gate row, no `runs` row, yet listed. The second acted: stored with its trace. The action
    // commits before the trace is written.
    const items = await waitFor(async () => {
      const runs = await t.app.inject({
        url: `/api/stores/${t.storeId}/workflows/${id}/runs?status=completed`,
      });
      const list = runs.json().items as { id: string; status: string }[];
      return list.length === 2 ? list : undefined;
    });
    expect(items[1]!.id).toMatch(/^e\d+-[0-9a-f-]{36}$/);
    const recorded = await t.app.inject({ url: `/api/stores/${t.storeId}/runs/${items[1]!.id}` });
    expect(recorded.json().steps.map((s: { handle: string }) => s.handle)).toEqual(['next', 'false']);
    const stats = await waitFor(async () => {
      const res = await t.app.inject({ url: `/api/stores/${t.storeId}/workflows/${id}/stats` });
      const body = res.json();
      return body.runs.completed === 2 ? body : undefined;
    });
    expect(stats.nodes.t1.entered).toBe(2);
    expect(stats.nodes.c1).toMatchObject({ entered: 2, handles: { true: 1, false: 1 } });
    expect(stats.nodes.a1.entered).toBe(1);
    const trace = await t.app.inject({ url: `/api/stores/${t.storeId}/runs/${items[0]!.id}` });
    expect(
      trace
        .json()
        .steps.map((s: { nodeId: string }) => s.nodeId)
        .slice(0, 3),
    ).toEqual(['t1', 'c1', 'a1']);
    expect(trace.json().actions[0]).toMatchObject({ nodeId: 'a1', status: 'done' });
  });

  it('counts a duplicate event id once and never re-runs it', async () => {
    const event = orderEvent('dup-1', 1000);
    const first = await postEvents([event, event]);
    expect(first.accepted).toEqual([event.id]);
    expect(first.duplicates).toEqual([event.id]);
    const again = await postEvents([event]);
    expect(again).toMatchObject({ accepted: [], duplicates: [event.id] });
    await waitFor(async () => ((await processedCount([event.id])) === 1 ? true : undefined));
    expect((await customer('dup-1')).stats).toMatchObject({ lifetimeSpend: 1000, orderCount: 1 });
  });

  it('applies each order exactly once when events are delivered two or three times and out of order', async () => {
    const events = Array.from({ length: 30 }, (_, i) =>
      orderEvent(`eo-${i % 5}`, 10000 + i, { occurredAt: new Date(Date.now() - i * 60_000).toISOString() }),
    );
    const deliveries = events
      .flatMap((e, i) => (i % 3 === 0 ? [e, e, e] : i % 3 === 1 ? [e, e] : [e]))
      .reverse();
    for (let i = 0; i < deliveries.length; i += 10) await postEvents(deliveries.slice(i, i + 10));
    // A second event id for an already-known order must not count it twice either.
    await postEvents([{ ...events[0]!, id: 'another-id-same-order' }]);
    const ids = [...events.map((e) => e.id), 'another-id-same-order'];
    await waitFor(async () => ((await processedCount(ids)) === ids.length ? true : undefined), 20_000);
    const { rows } = await getTestPool().query(
      `SELECT c.external_id, s.order_count, s.lifetime_spend::int AS spend FROM customers c JOIN customer_stats s ON s.customer_id = c.id
       WHERE c.store_id = $1 AND c.external_id LIKE 'eo-%' ORDER BY 1`,
      [t.storeId],
    );
    const expected = [0, 1, 2, 3, 4].map((k) => {
      const mine = events.filter((_, i) => i % 5 === k);
      return {
        external_id: `eo-${k}`,
        order_count: mine.length,
        spend: mine.reduce((s, e) => s + e.order.total, 0),
      };
    });
    expect(rows).toEqual(expected);
  });
});
