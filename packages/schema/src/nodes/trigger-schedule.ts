import { z } from 'zod';
import { defineNode, singleOutput, triggerBaseConfig } from '../node-definition';

const cronField = String.raw`(\*|\d{1,2}(-\d{1,2})?(,\d{1,2}(-\d{1,2})?)*)(\/\d{1,2})?`;
/** Five-field cron (minute hour day-of-month month day-of-week), evaluated in the store's time zone. */
export const CronSchema = z
  .string()
  .trim()
  .regex(
    new RegExp(`^${cronField}( ${cronField}){4}$`),
    'Expected a five-field cron expression, e.g. "0 9 * * 1"',
  );

/** Runs on a cron schedule for each customer of a segment (or every customer without one). */
export const triggerSchedule = defineNode({
  type: 'trigger.schedule',
  kind: 'trigger',
  label: 'Schedule',
  description: 'On a schedule, for each customer of a segment',
  category: 'Time',
  icon: 'calendar-clock',
  configSchema: z.strictObject({
    ...triggerBaseConfig,
    cron: CronSchema,
    segmentId: z.string().min(1).max(100).optional(),
  }),
  defaultConfig: { reentry: 'always', cron: '0 9 * * 1' },
  handles: singleOutput,
  eventFields: [],
});
