import type { NodeConfig } from '@segflow/schema';
import { portAction } from './action';

/** `action.create_coupon`: the `createCoupon` port. */
export const actionCreateCoupon = portAction<NodeConfig<'action.create_coupon'>>((actions, ctx, config) =>
  actions.createCoupon(ctx, config),
);
