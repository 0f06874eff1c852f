import { describe, expect, it } from 'vitest';
import { linearGraph, publishWorkflow } from '../adapters/action-test-kit';
import { orderEvent } from '../testing/test-app';
import { getTestPool, waitFor } from '../testing/test-database';
import { useTestPipeline } from '../testing/test-pipeline';
import { generateCouponCode } from './coupon-code';

const t = useTestPipeline();

type Coupon = {
  code: string;
  customerId: number;
  status: string;
  percentOff: number | null;
  amountOff: number | null;
  expiresAt: string;
  redeemedOrderId: string | null;
};

async function coupons(query = ''): Promise<Coupon[]> {
  const res = await t.app.inject({ url: `/api/stores/${t.storeId}/coupons${query}` });
  expect(res.statusCode).toBe(200);
  return res.json().items;
}

async function post(event: object) {
  const res = await t.app.inject({ method: 'POST', url: `/api/stores/${t.storeId}/events`, payload: event });
  expect(res.statusCode).toBe(202);
}

describe('coupon codes', () => {
  it('are unguessable and collision-free: 20,000 codes, all distinct, from the unambiguous alphabet', () => {
    const codes = Array.from({ length: 20_000 }, () => generateCouponCode('VIP'));
    expect(new Set(codes).size).toBe(codes.length);
    for (const code of codes.slice(0, 100)) expect(code).toMatch(/^VIP-[2-9A-HJ-NP-Z]{12}$/);
    expect(generateCouponCode()).toMatch(/^[2-9A-HJ-NP-Z]{12}$/);
  });
});

describe('action.create_coupon through the pipeline', () => {
  it('issues one code per customer and run (percent or fixed amount, expiry), listed at GET /coupons', async () => {
    await publishWorkflow(
      t.app,
      t.storeId,
      linearGraph('trigger.order_created', [
        { type: 'action.create_coupon', config: { percentOff: 30, expiresInDays: 30, prefix: 'THANKS' } },
        { type: 'action.create_coupon', config: { amountOff: 1500, expiresInDays: 7 } },
      ]),
    );
    await post(orderEvent('cp-1', 1000));
    await post(orderEvent('cp-2', 1000));
    const list = await waitFor(async () => {
      const items = await coupons();
      return items.length === 4 ? items : undefined;
    });
    const percent = list.filter((c) => c.percentOff === 30);
    expect(percent).toHaveLength(2);
    expect(percent.every((c) => c.code.startsWith('THANKS-') && c.amountOff === null)).toBe(true);
    const fixed = list.find((c) => c.amountOff === 1500)!;
    const days = (new Date(fixed.expiresAt).getTime() - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(6.9);
    expect(days).toBeLessThan(7.1);
    expect(new Set(list.map((c) => c.customerId)).size).toBe(2);
    expect(list.every((c) => c.status === 'active')).toBe(true);
  });

  it('marks a coupon redeemed by its own customer’s order, once; others and expired codes are not redeemed', async () => {
    const list = await coupons();
    const mine = list.find((c) => c.percentOff === 30)!;
    const { rows } = await getTestPool().query('SELECT external_id FROM customers WHERE id = $1', [
      mine.customerId,
    ]);
    const owner = rows[0].external_id as string;
    const stranger = owner === 'cp-1' ? 'cp-2' : 'cp-1';
    // Someone else's order with the code: nothing happens.
    const foreign = orderEvent(stranger, 2000);
    await post({ ...foreign, order: { ...foreign.order, couponCode: mine.code } });
    // The owner's order with the code in lower case: redeemed.
    const own = orderEvent(owner, 3000);
    await post({ ...own, order: { ...own.order, couponCode: mine.code.toLowerCase() } });
    const redeemed = await waitFor(async () => {
      const items = await coupons('?status=redeemed');
      return items.length > 0 ? items : undefined;
    });
    expect(redeemed).toHaveLength(1);
    expect(redeemed[0]).toMatchObject({ code: mine.code, redeemedOrderId: own.order.externalId });
    // Single use: a second order with the same code does not re-redeem it.
    const again = orderEvent(owner, 3000);
    await post({ ...again, order: { ...again.order, couponCode: mine.code } });
    await waitFor(async () => {
      const r = await getTestPool().query(
        'SELECT count(*)::int AS n FROM events WHERE store_id = $1 AND processed_at IS NULL',
        [t.storeId],
      );
      return r.rows[0].n === 0 ? true : undefined;
    });
    expect((await coupons('?status=redeemed'))[0]!.redeemedOrderId).toBe(own.order.externalId);
    // Expired codes are not redeemable.
    const other = list.find((c) => c.amountOff === 1500 && c.customerId === mine.customerId)!;
    await getTestPool().query(`UPDATE coupons SET expires_at = now() - interval '1 day' WHERE code = $1`, [
      other.code,
    ]);
    const late = orderEvent(owner, 100);
    await post({ ...late, order: { ...late.order, couponCode: other.code } });
    await waitFor(async () => {
      const r = await getTestPool().query(
        'SELECT count(*)::int AS n FROM events WHERE store_id = $1 AND processed_at IS NULL',
        [t.storeId],
      );
      return r.rows[0].n === 0 ? true : undefined;
    });
    expect((await coupons('?status=expired')).map((c) => c.code)).toContain(other.code);
  });

  it('answers 400 on bad list filters, never a 500', async () => {
    const res = await t.app.inject({ url: `/api/stores/${t.storeId}/coupons?status=nope&limit=-1` });
    expect(res.statusCode).toBe(400);
  });
});
