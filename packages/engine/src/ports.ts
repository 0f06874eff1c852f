import type { StoreEvent } from '@segflow/schema';
import type { CustomerFacts } from './facts';

/** The engine's only source of time; tests pass a fake clock, so runs are deterministic. */
export interface Clock {
  now(): Date;
}

/** Who and what an action acts for. `idempotencyKey` is `runId:nodeId`: the exactly-once ledger key. */
export interface ActionContext {
  storeId: string;
  runId: string;
  nodeId: string;
  customerId: string;
  idempotencyKey: string;
  /** The facts the run saw, for templates and addresses (the port may reload them). */
  customer: CustomerFacts;
  /** The triggering event, null for manual, scheduled and segment runs. */
  event: StoreEvent | null;
}

/** What an action did: done (with an output for the trace) or skipped with the reason. */
export type ActionOutcome = { status: 'done'; output?: unknown } | { status: 'skipped'; reason: string };

/** Coupon settings of `action.send_email` and `action.create_coupon`: percent or cents off. */
export interface CouponRequest {
  percentOff?: number;
  amountOff?: number;
  expiresInDays: number;
  prefix?: string;
}

/**
 * Every effect of a workflow. The API implements them (database effect + ledger row in one
 * transaction; external effects through the outbox); tests and dry runs use `@segflow/engine/testing`.
 * A port throws only on an infrastructure failure: the run is then `failed` and may be retried.
 */
export interface ActionPorts {
  assignGroup(ctx: ActionContext, request: { group: string }): Promise<ActionOutcome>;
  addTags(ctx: ActionContext, request: { tags: string[] }): Promise<ActionOutcome>;
  removeTags(ctx: ActionContext, request: { tags: string[] }): Promise<ActionOutcome>;
  setAttribute(ctx: ActionContext, request: { key: string; value: unknown }): Promise<ActionOutcome>;
  /** Renders the Liquid subject/body over customer, order and coupon; creates the coupon if asked. */
  sendEmail(
    ctx: ActionContext,
    request: { subject: string; body: string; coupon?: CouponRequest },
  ): Promise<ActionOutcome>;
  createCoupon(ctx: ActionContext, request: CouponRequest): Promise<ActionOutcome>;
  /** A signed outgoing webhook, through the outbox. */
  httpRequest(ctx: ActionContext, request: { url: string; body?: unknown }): Promise<ActionOutcome>;
  notifyTeam(ctx: ActionContext, request: { subject: string; body: string }): Promise<ActionOutcome>;
}

/** Everything a run may touch outside itself. */
export interface EnginePorts {
  clock: Clock;
  actions: ActionPorts;
}
