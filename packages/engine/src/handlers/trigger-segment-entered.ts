import type { NodeConfig } from '@segflow/schema';
import { triggerHandler } from './trigger';

/** `trigger.segment_entered`: continues only for the segment it names (`input.segmentId`). */
export const triggerSegmentEntered = triggerHandler<NodeConfig<'trigger.segment_entered'>>((config, exec) =>
  exec.input.segmentId === config.segmentId
    ? null
    : `segment ${exec.input.segmentId ?? '(none)'} is not ${config.segmentId}`,
);
