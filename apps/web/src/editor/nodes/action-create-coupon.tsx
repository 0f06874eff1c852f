import { type CouponConfig, CouponFields, couponSummary } from './coupon-fields';
import type { NodeDefinition } from './node-definition';

/** Creates a unique coupon for the customer (usable by later steps as {{ coupon.code }}). */
export const createCouponNode: NodeDefinition = {
  icon: '%',
  defaultConfig: () => ({ percentOff: 10, expiresInDays: 30 }),
  summarize: (config) => couponSummary(config as CouponConfig),
  Form: ({ config, onChange }) => (
    <CouponFields withPrefix value={config as CouponConfig} onChange={(c) => onChange({ ...c })} />
  ),
};
