import { str } from '../inspector/form-fields';
import { triggerDefinition } from './trigger-common';
import { SegmentIdField } from './trigger-segment-common';

/** Starts a run when a customer leaves a segment. */
export const segmentExitedNode = triggerDefinition({
  icon: '⇤',
  describe: (c) =>
    str(c.segmentId) ? `When a customer leaves ${str(c.segmentId)}` : 'When a customer leaves a segment',
  Fields: SegmentIdField,
});
