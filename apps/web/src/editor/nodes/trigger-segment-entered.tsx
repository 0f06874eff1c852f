import { str } from '../inspector/form-fields';
import { triggerDefinition } from './trigger-common';
import { SegmentIdField } from './trigger-segment-common';

/** Starts a run when a customer joins a segment. */
export const segmentEnteredNode = triggerDefinition({
  icon: '⇥',
  describe: (c) =>
    str(c.segmentId) ? `When a customer enters ${str(c.segmentId)}` : 'When a customer enters a segment',
  Fields: SegmentIdField,
});
