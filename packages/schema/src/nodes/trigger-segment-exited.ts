import { z } from 'zod';
import { defineNode, singleOutput, triggerBaseConfig } from '../node-definition';

/** When a customer stops matching a saved segment. */
export const triggerSegmentExited = defineNode({
  type: 'trigger.segment_exited',
  kind: 'trigger',
  label: 'Segment exited',
  description: 'When a customer stops matching a saved segment',
  category: 'Segments',
  icon: 'log-out',
  configSchema: z.strictObject({ ...triggerBaseConfig, segmentId: z.string().min(1).max(100) }),
  defaultConfig: { reentry: 'always', segmentId: '' },
  handles: singleOutput,
  eventFields: [],
});
