import type { ActionPorts } from '@segflow/engine';
import type pg from 'pg';
import { ledgeredStatement } from '../adapters/ledgered-statement';
import { couponParam, insertCouponCte, issueCoupon, withFreshCode } from './coupon-code';

/** `action.create_coupon`: a unique code for the customer, inserted with its ledger row. */
export function createCouponActions(pool: pg.Pool): Pick<ActionPorts, 'createCoupon'> {
  return {
    createCoupon: (ctx, request) =>
      withFreshCode(() => {
        const coupon = issueCoupon(request, new Date());
        return ledgeredStatement(
          pool,
          ctx,
          'action.create_coupon',
          { coupon },
          { coupon: insertCouponCte(6) },
          [ctx.customerId, ctx.runId, couponParam(coupon)],
        );
      }),
  };
}
