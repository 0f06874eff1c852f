import type { NodeConfig } from '@segflow/schema';
import { triggerHandler } from './trigger';

/** `trigger.segment_exited`: continues only for the segment it names (`input.segmentId`). */
export const triggerSegmentExited = triggerHandler<NodeConfig<'trigger.segment_exited'>>((config, exec) =>
  exec.input.segmentId === config.segmentId
    ? null
    : `segment ${exec.input.segmentId ?? '(none)'} is not ${config.segmentId}`,
);
