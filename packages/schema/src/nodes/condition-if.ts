import { z } from 'zod';
import { ConditionSchema } from '../condition';
import { defineNode } from '../node-definition';

/** Routes to `true` or `false` by one condition tree. */
export const conditionIf = defineNode({
  type: 'condition.if',
  kind: 'condition',
  label: 'If / else',
  description: 'Continue on "true" when the customer matches, otherwise on "false"',
  category: 'Logic',
  icon: 'git-branch',
  configSchema: z.strictObject({ condition: ConditionSchema }),
  defaultConfig: { condition: { all: [] } },
  handles: () => ['true', 'false'],
  eventFields: [],
  conditions: (config) => [{ path: ['condition'], condition: config.condition }],
});
