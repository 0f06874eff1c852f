import { z } from 'zod';
import { ConditionSchema } from '../condition';
import { defineNode, singleOutput, triggerBaseConfig } from '../node-definition';

/** Runs on demand: a test run for one customer, or a backfill over the customers `condition` matches. */
export const triggerManual = defineNode({
  type: 'trigger.manual',
  kind: 'trigger',
  label: 'Manual / backfill',
  description: 'Run on demand, or over existing customers that match a condition',
  category: 'Time',
  icon: 'play',
  configSchema: z.strictObject({ ...triggerBaseConfig, condition: ConditionSchema.optional() }),
  defaultConfig: { reentry: 'once' },
  handles: singleOutput,
  eventFields: [],
  conditions: (config) => (config.condition ? [{ path: ['condition'], condition: config.condition }] : []),
});
