import type { ActionOutcome, ActionPorts, Plan, RunResult } from '@segflow/engine';
import type { Reentry } from '@segflow/schema';
import { profileOutputs } from '../adapters/customer-actions';
import { type ProfileChange, profileChangesOf } from './profile-changes';
import { stepRows } from './run-store';

/**
 * Sealed runs: runs whose every action is a customer-profile action (group, tags, attributes) are
 * walked in memory and written with their event's gate row, in the statement that ends the batch
 * (see path-tally.ts): the run row (already finished), its steps, its ledger rows and the net
 * profile change of each customer, all or nothing. The gate row (unique per event) is what makes
 * this exactly-once: an event is routed until its gate row commits, and its sealed runs commit
 * only with it. A run that acts through the database one statement at a time costs three
 * statements (run, action + ledger, finish); sealed, it costs a few rows of one shared statement.
 *
 * Whether a plan is sealable is a property of the version alone, so a run is sealed on every
 * attempt or on none: a sealed run never meets a run row an unsealed attempt left behind.
 */
const profileActions = new Set([
  'action.assign_group',
  'action.add_tags',
  'action.remove_tags',
  'action.set_attribute',
]);

const sealablePlans = new WeakMap<Plan, boolean>();

/** True when every action node of the plan is a profile action (no email, coupon, webhook, wait). */
function sealablePlan(plan: Plan): boolean {
  let sealable = sealablePlans.get(plan);
  if (sealable === undefined) {
    sealable = [...plan.nodes.values()].every(
      (node) => node.kind !== 'action' || profileActions.has(node.type),
    );
    sealablePlans.set(plan, sealable);
  }
  return sealable;
}

/** A route's run may be sealed: a sealable plan, re-entry `always` (other policies read past runs). */
export function sealableRoute(route: { plan: Plan }, triggerType: string): boolean {
  const trigger = route.plan.triggers.find((t) => t.type === triggerType);
  return sealablePlan(route.plan) && ((trigger?.reentry ?? 'always') as Reentry) === 'always';
}

const notSealable = (): Promise<ActionOutcome> =>
  Promise.reject(new Error('a sealed run reached an action that is not a profile action'));

/**
 * Ports for a sealed run: each profile action answers what the database port would (same output,
 * computed from the facts the run sees) and writes nothing; the run's steps carry the outputs.
 */
export const sealingPorts: ActionPorts = {
  assignGroup: async (ctx, request) => ({ status: 'done', output: profileOutputs.assignGroup(ctx, request) }),
  addTags: async (ctx, request) => ({ status: 'done', output: profileOutputs.addTags(ctx, request) }),
  removeTags: async (ctx, request) => ({ status: 'done', output: profileOutputs.removeTags(ctx, request) }),
  setAttribute: async (ctx, request) => ({
    status: 'done',
    output: profileOutputs.setAttribute(ctx, request),
  }),
  sendEmail: notSealable,
  createCoupon: notSealable,
  httpRequest: notSealable,
  notifyTeam: notSealable,
};

/** Which run a sealed result belongs to. */
export interface SealedRunKey {
  runId: string;
  storeId: string;
  workflowId: string;
  versionId: string;
  eventId: number;
  customerId: number;
  triggerNodeId: string | null;
  depth: number;
}

/** A sealed run as the statement reads it (`jsonb_to_recordset`). */
interface SealedRunRow {
  id: string;
  store_id: string;
  workflow_id: string;
  version_id: string;
  event_id: number;
  customer_id: number;
  trigger_node_id: string | null;
  status: string;
  error: string | null;
  depth: number;
  steps: ReturnType<typeof stepRows>;
  actions: { node_id: string; action_type: string; result: unknown }[];
}

/** One customer's net profile change over some sealed runs, as one UPDATE applies it. */
interface NetProfileRow {
  store_id: string;
  customer_id: number;
  set_group: boolean;
  group_name: string | null;
  /** Every group assigned on the way (each is created in `customer_groups`, as one by one). */
  groups: string[];
  add_tags: string[];
  remove_tags: string[];
  attributes: Record<string, unknown>;
}

/**
 * The sealed runs of a batch, per event. `rows(eventIds)` gives the runs and the net profile
 * changes of those events' customers (in run order), ready for the statement.
 */
export function createSealedRuns() {
  const byEvent = new Map<number, { run: SealedRunRow; changes: ProfileChange[] }[]>();
  return {
    get size(): number {
      return byEvent.size;
    },
    /** Keeps one walked run (completed or failed; never waiting: sealable plans have no wait). */
    add(key: SealedRunKey, plan: Plan, result: RunResult): void {
      if (result.wait) throw new Error('a sealed run cannot wait');
      const run: SealedRunRow = {
        id: key.runId,
        store_id: key.storeId,
        workflow_id: key.workflowId,
        version_id: key.versionId,
        event_id: key.eventId,
        customer_id: key.customerId,
        trigger_node_id: key.triggerNodeId,
        status: result.status,
        error: result.steps.find((s) => s.status === 'failed')?.error ?? null,
        depth: key.depth,
        steps: stepRows(result.steps, 0),
        actions: result.steps
          .filter((s) => s.status === 'ok' && profileActions.has(s.type))
          .map((s) => ({ node_id: s.nodeId, action_type: s.type, result: s.output ?? null })),
      };
      const runs = byEvent.get(key.eventId) ?? [];
      runs.push({ run, changes: profileChangesOf(plan, result.steps) });
      byEvent.set(key.eventId, runs);
    },
    /** The runs of these events, and the net profile change per customer, in event then run order. */
    rows(eventIds: number[]): { runs: SealedRunRow[]; profiles: NetProfileRow[] } {
      const runs: SealedRunRow[] = [];
      const profiles = new Map<string, NetProfileRow>();
      for (const id of [...eventIds].sort((a, b) => a - b))
        for (const { run, changes } of byEvent.get(id) ?? []) {
          runs.push(run);
          if (changes.length === 0) continue;
          const key = `${run.store_id}\u0000${run.customer_id}`;
          let net = profiles.get(key);
          if (!net) {
            net = emptyNet(run.store_id, run.customer_id);
            profiles.set(key, net);
          }
          compose(net, changes);
        }
      // In customer order: two workers' statements then lock shared customers in the same order.
      const sorted = [...profiles.values()].sort((a, b) =>
        a.store_id === b.store_id ? a.customer_id - b.customer_id : a.store_id < b.store_id ? -1 : 1,
      );
      return { runs, profiles: sorted };
    },
    clear(): void {
      byEvent.clear();
    },
  };
}

function emptyNet(storeId: string, customerId: number): NetProfileRow {
  return {
    store_id: storeId,
    customer_id: customerId,
    set_group: false,
    group_name: null,
    groups: [],
    add_tags: [],
    remove_tags: [],
    attributes: {},
  };
}

/**
 * Folds changes into a net change that one UPDATE applies as the statements one by one would: the
 * last group wins, each tag ends added or removed by the last change that named it, each attribute
 * takes its last value.
 */
function compose(net: NetProfileRow, changes: ProfileChange[]): void {
  const add = new Set(net.add_tags);
  const remove = new Set(net.remove_tags);
  for (const change of changes) {
    if (change.kind === 'group') {
      net.set_group = true;
      net.group_name = change.group;
      if (!net.groups.includes(change.group)) net.groups.push(change.group);
    } else if (change.kind === 'add_tags')
      for (const tag of change.tags) {
        add.add(tag);
        remove.delete(tag);
      }
    else if (change.kind === 'remove_tags')
      for (const tag of change.tags) {
        remove.add(tag);
        add.delete(tag);
      }
    else net.attributes[change.key] = change.value ?? null;
  }
  net.add_tags = [...add];
  net.remove_tags = [...remove];
}

/**
 * The statement's CTEs writing sealed runs (`$3`) and net profile changes (`$4`) when `ok` (an SQL
 * boolean: the event's or the batch's gate rows are new). A profile UPDATE with tags to add sorts
 * and de-duplicates them, as `action.add_tags` does; with only tags to remove it keeps the order,
 * as `action.remove_tags` does.
 */
export const sealedRunsCtes = (ok: string) => `
, sealed AS (
  SELECT r.* FROM jsonb_to_recordset($3::jsonb) AS r(id uuid, store_id text, workflow_id uuid, version_id uuid,
    event_id bigint, customer_id bigint, trigger_node_id text, status text, error text, depth int, steps jsonb, actions jsonb)
  WHERE ${ok}
), sealed_runs AS (
  INSERT INTO runs (id, store_id, workflow_id, workflow_version_id, event_id, customer_id, trigger_node_id, status, error, depth, finished_at)
  SELECT id, store_id, workflow_id, version_id, event_id, customer_id, trigger_node_id, status, error, depth, now() FROM sealed
  RETURNING id
), sealed_steps AS (
  INSERT INTO run_steps (store_id, run_id, seq, node_id, node_type, status, handle, detail, at)
  SELECT r.store_id, r.id, s.seq, s.node_id, s.node_type, s.status, s.handle, s.detail, s.at
  FROM sealed r, jsonb_to_recordset(r.steps)
    AS s(seq int, node_id text, node_type text, status text, handle text, detail jsonb, at timestamptz)
  RETURNING 1
), sealed_ledger AS (
  INSERT INTO action_executions (store_id, run_id, node_id, action_type, status, result)
  SELECT r.store_id, r.id, a.node_id, a.action_type, 'done', a.result
  FROM sealed r, jsonb_to_recordset(r.actions) AS a(node_id text, action_type text, result jsonb)
  RETURNING 1
), net AS (
  SELECT p.* FROM jsonb_to_recordset($4::jsonb) AS p(store_id text, customer_id bigint, set_group boolean,
    group_name text, groups text[], add_tags text[], remove_tags text[], attributes jsonb)
  WHERE ${ok}
), profiles AS (
  UPDATE customers c SET
    group_name = CASE WHEN p.set_group THEN p.group_name ELSE c.group_name END,
    tags = CASE
      WHEN cardinality(p.add_tags) > 0
        THEN ARRAY(SELECT DISTINCT t FROM unnest(c.tags || p.add_tags) t WHERE t <> ALL(p.remove_tags) ORDER BY 1)
      WHEN cardinality(p.remove_tags) > 0 THEN ARRAY(SELECT t FROM unnest(c.tags) t WHERE t <> ALL(p.remove_tags))
      ELSE c.tags END,
    attributes = c.attributes || p.attributes,
    updated_at = now()
  FROM net p WHERE c.store_id = p.store_id AND c.id = p.customer_id
  RETURNING c.id
), new_groups AS (
  INSERT INTO customer_groups (store_id, name)
  SELECT DISTINCT p.store_id, g FROM net p, unnest(p.groups) g
  ON CONFLICT (store_id, name) DO NOTHING RETURNING id
)`;
