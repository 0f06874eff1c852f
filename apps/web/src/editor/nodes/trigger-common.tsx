import type { ComponentType } from 'react';
import { NumberField, SelectField } from '../inspector/form-fields';
import type { NodeDefinition, NodeFormProps } from './node-definition';

type Reentry = 'always' | 'once' | { days: number };

function reentryOf(config: Record<string, unknown>): Reentry {
  const r = config.reentry;
  if (r === 'once') return 'once';
  if (r && typeof r === 'object' && typeof (r as { days?: unknown }).days === 'number')
    return r as { days: number };
  return 'always';
}

/** "every time" / "once per customer" / "at most every 30 days". */
export function reentrySummary(config: Record<string, unknown>): string {
  const r = reentryOf(config);
  if (r === 'once') return 'once per customer';
  if (r === 'always') return 'every time';
  return `at most every ${r.days} days`;
}

/** The re-entry policy every trigger has. */
export function ReentryFields({ config, onChange }: NodeFormProps) {
  const r = reentryOf(config);
  const mode = typeof r === 'object' ? 'days' : r;
  return (
    <>
      <SelectField
        label="Runs for a customer"
        value={mode}
        options={[
          { value: 'always', label: 'Every time' },
          { value: 'once', label: 'Only once' },
          { value: 'days', label: 'At most once per N days' },
        ]}
        onChange={(v) => onChange({ ...config, reentry: v === 'days' ? { days: 30 } : v })}
      />
      {typeof r === 'object' && (
        <NumberField
          label="Days between runs"
          value={r.days}
          min={1}
          onChange={(days) => onChange({ ...config, reentry: { days: days ?? 1 } })}
        />
      )}
    </>
  );
}

function NoFields() {
  return null;
}

/** Builds a trigger's definition: its own fields, if any; the inspector adds the re-entry policy. */
export function triggerDefinition(options: {
  icon: string;
  describe: (config: Record<string, unknown>) => string;
  Fields?: ComponentType<NodeFormProps>;
  defaultConfig?: () => Record<string, unknown>;
}): NodeDefinition {
  return {
    icon: options.icon,
    defaultConfig: options.defaultConfig ?? (() => ({ reentry: 'always' })),
    summarize: (config) => `${options.describe(config)}, ${reentrySummary(config)}`,
    Form: options.Fields ?? NoFields,
  };
}
