import { z } from 'zod';
import { defineNode } from '../node-definition';

/** Random A/B split, sticky per customer: the same customer always takes the same branch. */
export const conditionSplit = defineNode({
  type: 'condition.split',
  kind: 'condition',
  label: 'A/B split',
  description: 'Send a percentage of customers down path A, the rest down B (sticky per customer)',
  category: 'Logic',
  icon: 'shuffle',
  configSchema: z.strictObject({ percentA: z.number().int().min(0).max(100) }),
  defaultConfig: { percentA: 50 },
  handles: () => ['a', 'b'],
  eventFields: [],
});
