import type { NodeKind } from '@segflow/schema';
import type { CustomerFacts, EvalContext } from '../facts';
import type { EnginePorts } from '../ports';
import type { RunInput } from '../run-types';

/** What a node's runtime gets for one execution. Handlers touch nothing else (no globals). */
export interface ExecContext {
  nodeId: string;
  input: RunInput;
  customer: CustomerFacts;
  /** Predicates read this: the clock's now at the step, and the event. */
  evalContext: EvalContext;
  ports: EnginePorts;
  /** IANA time zone of the store (default UTC), for waits until a time of day. */
  timeZone: string;
}

/** The outcome of one node: continue on a handle, skip (and continue), suspend, or fail. */
export type HandlerResult =
  | { status: 'ok'; handle: string; output?: unknown }
  | { status: 'skipped'; handle: string | null; skipReason: string; output?: unknown }
  | { status: 'waiting'; dueAt: Date; output?: unknown }
  | { status: 'failed'; error: string };

/** A node compiled for one plan: config parsed and predicates built once. */
export type NodeRuntime = (exec: ExecContext) => HandlerResult | Promise<HandlerResult>;

/** The engine side of a node type: turns a valid config into its runtime, once per plan. */
export interface NodeHandler<C> {
  kind: NodeKind;
  compile(config: C): NodeRuntime;
}
