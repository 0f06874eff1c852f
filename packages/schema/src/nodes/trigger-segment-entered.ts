import { z } from 'zod';
import { defineNode, singleOutput, triggerBaseConfig } from '../node-definition';

/** When a customer starts matching a saved segment. */
export const triggerSegmentEntered = defineNode({
  type: 'trigger.segment_entered',
  kind: 'trigger',
  label: 'Segment entered',
  description: 'When a customer starts matching a saved segment',
  category: 'Segments',
  icon: 'log-in',
  configSchema: z.strictObject({ ...triggerBaseConfig, segmentId: z.string().min(1).max(100) }),
  defaultConfig: { reentry: 'always', segmentId: '' },
  handles: singleOutput,
  eventFields: [],
});
