import { num, NumberField, SelectField, str, TextField } from '../inspector/form-fields';
import type { NodeDefinition } from './node-definition';

const UNITS = ['minutes', 'hours', 'days'] as const;
const WEEKDAYS = ['', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];

function unitOf(config: Record<string, unknown>): (typeof UNITS)[number] | 'until' {
  if (config.until) return 'until';
  return UNITS.find((u) => typeof config[u] === 'number') ?? 'hours';
}

/** Pauses the run for a duration, or until a weekday/time in the store's time zone. */
export const waitNode: NodeDefinition = {
  icon: '◔',
  defaultConfig: () => ({ hours: 1 }),
  summarize: (config) => {
    const unit = unitOf(config);
    if (unit === 'until') {
      const until = config.until as { weekday?: string; time?: string };
      return `Wait until ${until.weekday ? `${until.weekday} ` : ''}${until.time ?? ''}`.trim();
    }
    const n = num(config[unit]) ?? 0;
    return `Wait ${n} ${n === 1 ? unit.slice(0, -1) : unit}`;
  },
  Form: ({ config, onChange }) => {
    const unit = unitOf(config);
    const until = (config.until as { weekday?: string; time?: string } | undefined) ?? {};
    return (
      <>
        <SelectField
          label="Wait"
          value={unit}
          options={[
            ...UNITS.map((u) => ({ value: u, label: `A number of ${u}` })),
            { value: 'until', label: 'Until a day and time' },
          ]}
          onChange={(u) => onChange(u === 'until' ? { until: { time: '09:00' } } : { [u]: 1 })}
        />
        {unit === 'until' ? (
          <>
            <SelectField
              label="Weekday"
              value={str(until.weekday)}
              options={WEEKDAYS.map((d) => ({
                value: d,
                label: d ? d[0]!.toUpperCase() + d.slice(1) : 'Next occurrence',
              }))}
              onChange={(weekday) =>
                onChange({ until: weekday ? { ...until, weekday } : { time: until.time ?? '09:00' } })
              }
            />
            <TextField
              label="Time"
              value={str(until.time)}
              placeholder="09:00"
              onChange={(time) => onChange({ until: { ...until, time } })}
            />
          </>
        ) : (
          <NumberField
            label="Duration"
            suffix={unit}
            min={1}
            value={num(config[unit])}
            onChange={(v) => onChange({ [unit]: v ?? 1 })}
          />
        )}
      </>
    );
  },
};
