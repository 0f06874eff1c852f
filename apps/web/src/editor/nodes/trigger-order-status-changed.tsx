import { SelectField, str } from '../inspector/form-fields';
import { triggerDefinition } from './trigger-common';

const STATUSES = ['', 'pending', 'paid', 'fulfilled', 'shipped', 'delivered', 'cancelled', 'refunded'];
const options = STATUSES.map((s) => ({
  value: s,
  label: s ? s.charAt(0).toUpperCase() + s.slice(1) : 'Any status',
}));

/** Starts a run when an order moves between statuses (optionally from/to a given one). */
export const orderStatusChangedNode = triggerDefinition({
  icon: '⟳',
  describe: (c) => (str(c.to) ? `When an order becomes ${str(c.to)}` : 'When an order status changes'),
  Fields: ({ config, onChange }) => (
    <>
      <SelectField
        label="From status"
        value={str(config.from)}
        options={options}
        onChange={(v) => onChange(patch(config, 'from', v))}
      />
      <SelectField
        label="To status"
        value={str(config.to)}
        options={options}
        onChange={(v) => onChange(patch(config, 'to', v))}
      />
    </>
  ),
});

function patch(config: Record<string, unknown>, key: string, value: string) {
  const next = { ...config };
  if (value) next[key] = value;
  else delete next[key];
  return next;
}
