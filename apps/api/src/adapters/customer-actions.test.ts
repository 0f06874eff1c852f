import { describe, expect, it } from 'vitest';
import { orderEvent } from '../testing/test-app';
import { getTestPool, waitFor } from '../testing/test-database';
import { useTestPipeline } from '../testing/test-pipeline';
import { createActionPorts } from './action-ports';
import { ledgerOf, linearGraph, publishWorkflow } from './action-test-kit';

const t = useTestPipeline();

const profileGraph = linearGraph('trigger.order_created', [
  { type: 'action.assign_group', config: { group: 'Wholesale' } },
  { type: 'action.add_tags', config: { tags: ['Texas customer', 'vip', 'vip'] } },
  { type: 'action.remove_tags', config: { tags: ['prospect', 'never-had-it'] } },
  { type: 'action.set_attribute', config: { key: 'loyalty_points', value: 120 } },
  { type: 'action.set_attribute', config: { key: 'tier', value: 'gold' } },
]);

async function customer(externalId: string) {
  const res = await t.app.inject({ url: `/api/stores/${t.storeId}/customers/${externalId}` });
  return res.statusCode === 200 ? res.json() : undefined;
}

describe('customer actions through the pipeline', () => {
  it('assigns the group (created on first use), adds and removes tags as a set, sets typed attributes — once', async () => {
    await publishWorkflow(t.app, t.storeId, profileGraph);
    const event = orderEvent('prof-1', 1000);
    const withTags = { ...event, customer: { ...event.customer, tags: ['prospect', 'vip'] } };
    await t.app.inject({ method: 'POST', url: `/api/stores/${t.storeId}/events`, payload: withTags });
    const c = await waitFor(async () => {
      const found = await customer('prof-1');
      return found?.attributes?.tier === 'gold' ? found : undefined;
    });
    expect(c.group).toBe('Wholesale');
    expect([...c.tags].sort()).toEqual(['Texas customer', 'vip']);
    expect(c.attributes).toMatchObject({ loyalty_points: 120, tier: 'gold' });
    const { rows } = await getTestPool().query(
      `SELECT jsonb_typeof(attributes->'loyalty_points') AS t FROM customers WHERE store_id = $1 AND external_id = 'prof-1'`,
      [t.storeId],
    );
    expect(rows[0].t).toBe('number');
    const ledger = await ledgerOf(getTestPool(), t.storeId, 'prof-1');
    expect(ledger.map((l) => l.node_id).sort()).toEqual(['a1', 'a2', 'a3', 'a4', 'a5']);
    expect(ledger.every((l) => l.status === 'done')).toBe(true);
  });

  it('lists groups with member counts, including groups created by the workflow', async () => {
    for (const id of ['prof-2', 'prof-3'])
      await t.app.inject({
        method: 'POST',
        url: `/api/stores/${t.storeId}/events`,
        payload: orderEvent(id, 500),
      });
    const items = await waitFor(async () => {
      const res = await t.app.inject({ url: `/api/stores/${t.storeId}/customer-groups` });
      const list = res.json().items as { name: string; members: number }[];
      return list.find((g) => g.name === 'Wholesale')?.members === 3 ? list : undefined;
    });
    expect(items).toEqual([expect.objectContaining({ name: 'Wholesale', members: 3 })]);
    const groups = await getTestPool().query('SELECT name FROM customer_groups WHERE store_id = $1', [
      t.storeId,
    ]);
    expect(groups.rows).toEqual([{ name: 'Wholesale' }]);
  });

  it('never doubles an effect when the same run and node execute again (a retried job)', async () => {
    const pool = getTestPool();
    const ports = createActionPorts(pool);
    const { rows } = await pool.query(
      `SELECT r.id AS run_id, c.id::text AS customer_id FROM runs r JOIN customers c ON c.id = r.customer_id
       WHERE r.store_id = $1 AND c.external_id = 'prof-1' LIMIT 1`,
      [t.storeId],
    );
    const ctx = {
      storeId: t.storeId,
      runId: rows[0].run_id,
      nodeId: 'a2',
      customerId: rows[0].customer_id,
      idempotencyKey: `${rows[0].run_id}:a2`,
      customer: (await customer('prof-1')) as never,
      event: null,
    };
    await pool.query(`UPDATE customers SET tags = '{}' WHERE id = $1`, [ctx.customerId]);
    const outcome = await ports.addTags(ctx, { tags: ['again'] });
    expect(outcome).toMatchObject({ status: 'done', output: { replayed: true } });
    expect((await customer('prof-1')).tags).toEqual([]);
  });

  it('does nothing in a dry run (backtest): every action is listed as would-be, nothing is written', async () => {
    const pool = getTestPool();
    const totals = async () =>
      (
        await pool.query(
          `SELECT (SELECT count(*) FROM coupons WHERE store_id = $1) + (SELECT count(*) FROM emails WHERE store_id = $1)
                + (SELECT count(*) FROM webhook_deliveries WHERE store_id = $1)
                + (SELECT count(*) FROM customers WHERE store_id = $1 AND (group_name = 'Dry' OR 'dry' = ANY(tags))) AS n`,
          [t.storeId],
        )
      ).rows[0].n;
    const before = await totals();
    const id = await publishWorkflow(
      t.app,
      t.storeId,
      linearGraph('trigger.order_created', [
        { type: 'action.assign_group', config: { group: 'Dry' } },
        { type: 'action.add_tags', config: { tags: ['dry'] } },
        { type: 'action.create_coupon', config: { percentOff: 5, expiresInDays: 1 } },
        {
          type: 'action.send_email',
          config: { subject: 'x', body: 'y', coupon: { amountOff: 100, expiresInDays: 1 } },
        },
        { type: 'action.http_request', config: { url: 'http://127.0.0.1:9/hook' } },
        { type: 'action.notify_team', config: { subject: 'x', body: 'y' } },
      ]),
      false,
    );
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/stores/${t.storeId}/workflows/${id}/backtest`,
      payload: {},
    });
    expect(res.statusCode).toBe(200);
    expect(Object.keys(res.json().totals.actions).sort()).toEqual([
      'addTags',
      'assignGroup',
      'createCoupon',
      'httpRequest',
      'notifyTeam',
      'sendEmail',
    ]);
    expect(await totals()).toBe(before);
  });
});
