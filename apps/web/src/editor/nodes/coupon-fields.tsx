import { num, NumberField, SelectField, str, TextField } from '../inspector/form-fields';
import { centsToDollars, dollarsToCents } from '../condition/value-editor';
import { formatCents } from '../../shell/format';

/** A coupon as configs store it: percent or amount (cents) off, days valid, optional prefix. */
export type CouponConfig = {
  percentOff?: number;
  amountOff?: number;
  expiresInDays?: number;
  prefix?: string;
};

/** "30% off, valid 30 days". */
export function couponSummary(c: CouponConfig): string {
  const off =
    typeof c.amountOff === 'number' ? `${formatCents(c.amountOff)} off` : `${c.percentOff ?? 0}% off`;
  return c.expiresInDays ? `${off}, valid ${c.expiresInDays} days` : off;
}

/** Inputs for a coupon; money typed in dollars and stored in cents. */
export function CouponFields({
  value,
  onChange,
  withPrefix,
}: {
  value: CouponConfig;
  onChange: (c: CouponConfig) => void;
  withPrefix?: boolean;
}) {
  const mode = typeof value.amountOff === 'number' ? 'amount' : 'percent';
  return (
    <div className="form-grid">
      <SelectField
        label="Discount type"
        value={mode}
        options={[
          { value: 'percent', label: 'Percent off' },
          { value: 'amount', label: 'Amount off' },
        ]}
        onChange={(m) => {
          const { percentOff: _p, amountOff: _a, ...rest } = value;
          onChange(m === 'amount' ? { ...rest, amountOff: 1000 } : { ...rest, percentOff: 10 });
        }}
      />
      {mode === 'percent' ? (
        <NumberField
          label="Percent off"
          suffix="%"
          min={1}
          max={100}
          value={num(value.percentOff)}
          onChange={(v) => onChange({ ...value, percentOff: v ?? 0 })}
        />
      ) : (
        <TextField
          label="Amount off ($)"
          value={centsToDollars(value.amountOff)}
          onChange={(t) => onChange({ ...value, amountOff: dollarsToCents(t) ?? 0 })}
        />
      )}
      <NumberField
        label="Valid for"
        suffix="days"
        min={1}
        value={num(value.expiresInDays)}
        onChange={(v) => onChange({ ...value, expiresInDays: v ?? 30 })}
      />
      {withPrefix && (
        <TextField
          label="Code prefix"
          value={str(value.prefix)}
          placeholder="VIP"
          onChange={(prefix) => onChange({ ...value, prefix: prefix.toUpperCase() })}
        />
      )}
    </div>
  );
}
