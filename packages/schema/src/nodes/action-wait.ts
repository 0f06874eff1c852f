import { z } from 'zod';
import { defineNode, singleOutput } from '../node-definition';

/** Weekdays a wait may target, Sunday first (as `Date.getDay()`). */
export const weekdays = [
  'sunday',
  'monday',
  'tuesday',
  'wednesday',
  'thursday',
  'friday',
  'saturday',
] as const;

/** How long to wait: a duration, or until the next given time of day (optionally on a weekday), store time. */
export const WaitConfigSchema = z.union([
  z.strictObject({ minutes: z.number().int().min(1).max(525_600) }),
  z.strictObject({ hours: z.number().int().min(1).max(8760) }),
  z.strictObject({ days: z.number().int().min(1).max(365) }),
  z.strictObject({
    until: z.strictObject({
      weekday: z.enum(weekdays).optional(),
      time: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Expected HH:MM (24 h)'),
    }),
  }),
]);
/** Config of `action.wait`. */
export type WaitConfig = z.infer<typeof WaitConfigSchema>;

/** Pauses the run; it resumes at the due time on the same workflow version. */
export const actionWait = defineNode({
  type: 'action.wait',
  kind: 'action',
  label: 'Wait',
  description: 'Wait a while, or until a day and time in the store time zone',
  category: 'Time',
  icon: 'hourglass',
  configSchema: WaitConfigSchema,
  defaultConfig: { hours: 1 },
  handles: singleOutput,
  eventFields: [],
});
