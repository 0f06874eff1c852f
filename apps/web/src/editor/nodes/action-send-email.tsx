import { str, TextField } from '../inspector/form-fields';
import { type CouponConfig, CouponFields, couponSummary } from './coupon-fields';
import { EmailPreview } from './email-preview';
import type { NodeDefinition } from './node-definition';

/** Sends an email rendered with Liquid over customer, order and coupon; optional unique coupon. */
export const sendEmailNode: NodeDefinition = {
  icon: '✉',
  defaultConfig: () => ({ subject: '', body: '' }),
  summarize: (config) => {
    const subject = str(config.subject) ? `“${str(config.subject)}”` : 'Write the email';
    const coupon = config.coupon as CouponConfig | undefined;
    return coupon ? `${subject} + ${couponSummary(coupon)}` : subject;
  },
  Form: ({ config, onChange }) => {
    const coupon = config.coupon as CouponConfig | undefined;
    return (
      <>
        <TextField
          label="Subject"
          value={str(config.subject)}
          placeholder="Thank you, {{ customer.firstName }}"
          onChange={(subject) => onChange({ ...config, subject })}
        />
        <TextField
          label="Body"
          multiline
          value={str(config.body)}
          hint="Liquid: {{ customer.firstName }}, {{ order.total }}, {{ coupon.code }}"
          onChange={(body) => onChange({ ...config, body })}
        />
        <EmailPreview subject={str(config.subject)} body={str(config.body)} />
        <label className="checkbox">
          <input
            type="checkbox"
            checked={Boolean(coupon)}
            onChange={(e) => {
              const { coupon: _c, ...rest } = config;
              onChange(e.target.checked ? { ...rest, coupon: { percentOff: 10, expiresInDays: 30 } } : rest);
            }}
          />
          Include a unique coupon code
        </label>
        {coupon && <CouponFields value={coupon} onChange={(c) => onChange({ ...config, coupon: c })} />}
      </>
    );
  },
};
