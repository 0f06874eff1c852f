import { num, NumberField } from '../inspector/form-fields';
import type { NodeDefinition } from './node-definition';

/** Random A/B split, sticky per customer. */
export const splitNode: NodeDefinition = {
  icon: '⚖',
  defaultConfig: () => ({ percentA: 50 }),
  summarize: (config) => {
    const a = num(config.percentA) ?? 50;
    return `A ${a}% · B ${100 - a}%`;
  },
  Form: ({ config, onChange }) => (
    <NumberField
      label="Share to path A"
      suffix="%"
      min={0}
      max={100}
      value={num(config.percentA) ?? 50}
      hint="The rest goes to path B. A customer always gets the same path."
      onChange={(v) => onChange({ ...config, percentA: Math.max(0, Math.min(100, v ?? 0)) })}
    />
  ),
};
