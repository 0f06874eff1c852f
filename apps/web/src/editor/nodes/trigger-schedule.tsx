import { str, TextField } from '../inspector/form-fields';
import { triggerDefinition } from './trigger-common';
import { SegmentIdField } from './trigger-segment-common';

/** Runs on a cron schedule, for each customer of an optional segment. */
export const scheduleNode = triggerDefinition({
  icon: '◷',
  defaultConfig: () => ({ cron: '0 9 * * 1' }),
  describe: (c) => `On schedule ${str(c.cron) || '(not set)'}`,
  Fields: ({ config, onChange, ...rest }) => (
    <>
      <TextField
        label="Schedule (cron)"
        value={str(config.cron)}
        hint="Minute hour day month weekday, in the store's time zone. 0 9 * * 1 = Mondays 9:00."
        onChange={(cron) => onChange({ ...config, cron })}
      />
      <SegmentIdField config={config} onChange={onChange} {...rest} />
    </>
  ),
});
