import type { NodeType, StoreEvent } from '@segflow/schema';
import type { CustomerFacts } from './facts';

/** One run's input: which store and run, what triggered it, and the customer's facts after the event. */
export interface RunInput {
  storeId: string;
  runId: string;
  /** The trigger node type that fires (`trigger.order_created` …). */
  triggerType: NodeType;
  /** The canonical event, or null for manual, scheduled and segment runs. */
  event: StoreEvent | null;
  customer: CustomerFacts;
  /** For `trigger.segment_entered` / `_exited`: the segment the customer entered or left. */
  segmentId?: string;
  /** IANA time zone of the store, for `wait until`; default UTC. */
  timeZone?: string;
}

/** One executed node in the trace. Nodes on paths not taken have no step. */
export interface StepRecord {
  nodeId: string;
  type: NodeType;
  status: 'ok' | 'skipped' | 'failed' | 'waiting';
  /** The output handle the run continued on. */
  handle?: string;
  output?: unknown;
  error?: string;
  skipReason?: string;
  startedAt: Date;
  finishedAt: Date;
}

/**
 * Where a suspended run stands; JSON-serialisable so the API can persist it with the run. A wait
 * pauses the whole run: the branches not yet walked continue after it.
 */
export interface ResumeState {
  version: 1;
  storeId: string;
  runId: string;
  triggerType: NodeType;
  event: StoreEvent | null;
  timeZone: string;
  customerId: string;
  waitNodeId: string;
  /** Nodes still to walk, in order (the wait's successors first). */
  pending: string[];
  /** Nodes already executed: each runs at most once per run. */
  visited: string[];
}

/** Result of `run` / `resume`. */
export interface RunResult {
  status: 'completed' | 'waiting' | 'failed';
  steps: StepRecord[];
  /** Set when `waiting`: resume at `dueAt` with `resumeState` on the same plan. */
  wait?: { nodeId: string; dueAt: Date; resumeState: ResumeState };
}

/** Input of `resume`: the saved state and the customer's facts as they are now. */
export interface ResumeInput {
  state: ResumeState;
  customer: CustomerFacts;
}
