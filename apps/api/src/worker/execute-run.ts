import { type CustomerFacts, type EnginePorts, type Plan, type RunInput, run } from '@segflow/engine';
import type { NodeType, Reentry, StoreEvent } from '@segflow/schema';
import type pg from 'pg';
import { type FactsRow, loadCustomerFacts } from './customer-facts';
import { applyProfileChanges, type ProfileChange, patchFacts, profileChangesOf } from './profile-changes';
import type { Queryable, RunKey, RunStore } from './run-store';
import { MAX_CAUSAL_DEPTH } from './trigger-types';

/** What executing one routed run needs. */
export interface RunDeps {
  pool: pg.Pool;
  runs: RunStore;
  ports: EnginePorts;
}

/** The event side of a run. */
export interface RunTrigger {
  storeId: string;
  eventId: number;
  /** The canonical event; null for segment events (their segment is `segmentId`). */
  event: StoreEvent | null;
  /** For `trigger.segment_entered` / `_exited`: the segment entered or left. */
  segmentId?: string;
  customerId: number;
  depth: number;
  timeZone: string;
  triggerType: string;
  /** Facts loader shared by the event's runs (loads once per needs until an action changes them). */
  facts: FactsLoader;
}

/**
 * Loads the customer's facts for a plan's needs. After a run acted: `patch` with what its profile
 * actions changed (the facts stay loaded), or `invalidate` when that is not known (read afresh).
 */
export interface FactsLoader {
  load(needs: Plan['needs']): Promise<CustomerFacts | null>;
  patch(changes: ProfileChange[]): void;
  invalidate(): void;
}

/**
 * A per-event facts loader over the pool. `prefetched`: facts rows read for the whole batch
 * (by customer id): `patch` updates the customer's row there too, `invalidate` drops it, so the
 * customer's later events see the change either way.
 */
export function createFactsLoader(
  pool: pg.Pool,
  storeId: string,
  customerId: number,
  prefetched?: Map<number, FactsRow>,
): FactsLoader {
  const cache = new Map<string, Promise<CustomerFacts | null>>();
  return {
    load(needs) {
      const key = `${needs.purchases}:${needs.segments}`;
      let facts = cache.get(key);
      if (!facts) {
        facts = loadCustomerFacts(pool, storeId, customerId, needs, prefetched?.get(customerId));
        cache.set(key, facts);
      }
      return facts;
    },
    patch(changes) {
      if (changes.length === 0) return;
      for (const [key, facts] of cache) {
        cache.set(
          key,
          facts.then((f) => {
            if (f) patchFacts(f, changes);
            return f;
          }),
        );
      }
      const row = prefetched?.get(customerId);
      if (row) {
        const after = applyProfileChanges(
          { group: row.group_name, tags: row.tags, attributes: row.attributes },
          changes,
        );
        Object.assign(row, { group_name: after.group, tags: after.tags, attributes: after.attributes });
      }
    },
    invalidate: () => {
      cache.clear();
      prefetched?.delete(customerId);
    },
  };
}

/** The engine's input for a run of the trigger's event and customer. */
export function runInput(t: RunTrigger, runId: string, customer: CustomerFacts): RunInput {
  return {
    storeId: t.storeId,
    runId,
    triggerType: t.triggerType as NodeType,
    event: t.event,
    customer,
    ...(t.segmentId ? { segmentId: t.segmentId } : {}),
    timeZone: t.timeZone,
  };
}

async function reentryBlocks(db: Queryable, key: RunKey, reentry: Reentry): Promise<string | null> {
  const days = reentry === 'once' ? null : (reentry as { days: number }).days;
  const { rows } = await db.query(
    `SELECT 1 FROM runs WHERE store_id = $1 AND workflow_id = $2 AND customer_id = $3
       AND status IN ('running', 'waiting', 'completed') AND event_id IS DISTINCT FROM $4
       AND ($5::int IS NULL OR started_at > now() - make_interval(days => $5::int)) LIMIT 1`,
    [key.storeId, key.workflowId, key.customerId, key.eventId, days],
  );
  if (rows.length === 0) return null;
  return days === null
    ? 're-entry: this customer already ran this workflow (once per customer)'
    : `re-entry: this customer ran this workflow within the last ${days} days`;
}

/**
 * Opens the run behind the re-entry guard. With a policy other than `always`, the check and the
 * insert happen in one transaction under an advisory lock on (workflow, customer): two events of
 * the same customer processed at once by two workers cannot both enter. A blocked run is recorded
 * as skipped with its reason.
 */
async function openGuarded(
  deps: RunDeps,
  key: RunKey,
  reentry: Reentry | undefined,
): Promise<{ runId: string; shouldRun: boolean } | null> {
  if (!reentry || reentry === 'always') return deps.runs.open(key);
  const client = await deps.pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock(hashtext($1), hashtext($2))', [
      key.workflowId,
      String(key.customerId),
    ]);
    const existing = await client.query<{ id: string; status: string }>(
      'SELECT id, status FROM runs WHERE workflow_version_id = $1 AND event_id = $2 AND customer_id = $3',
      [key.versionId, key.eventId, key.customerId],
    );
    const prior = existing.rows[0];
    // A retried job finds the run its earlier attempt opened: continue it, do not re-judge it.
    const blocked = prior ? null : await reentryBlocks(client, key, reentry);
    const opened = prior
      ? { runId: prior.id, shouldRun: prior.status === 'running' }
      : blocked
        ? null
        : await deps.runs.open(key, client);
    if (blocked) await deps.runs.skip(key, blocked, client);
    await client.query('COMMIT');
    return opened;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}

/**
 * Runs one active version for one event and customer: guards (causal depth, re-entry) first,
 * each recorded as a skipped run with its reason; then the run row (unique per version + event +
 * customer), the engine walk with ledgered ports, and the trace. Idempotent under job retries.
 */
export async function executeRun(
  deps: RunDeps,
  t: RunTrigger,
  route: { workflowId: string; versionId: string; plan: Plan },
): Promise<void> {
  const trigger = route.plan.triggers.find((tr) => tr.type === t.triggerType);
  const key: RunKey = {
    storeId: t.storeId,
    workflowId: route.workflowId,
    versionId: route.versionId,
    eventId: t.eventId,
    customerId: t.customerId,
    triggerNodeId: trigger?.nodeId ?? null,
    depth: t.depth,
  };
  if (t.depth >= MAX_CAUSAL_DEPTH) {
    await deps.runs.skip(
      key,
      `causal depth ${t.depth} reached the limit of ${MAX_CAUSAL_DEPTH}: a loop between workflows was stopped`,
    );
    return;
  }
  const opened = await openGuarded(deps, key, trigger?.reentry);
  if (!opened?.shouldRun) return;
  const { runId } = opened;
  const customer = await t.facts.load(route.plan.needs);
  if (!customer) {
    await deps.runs.skip(key, 'the customer no longer exists');
    return;
  }
  const result = await run(route.plan, runInput(t, runId, customer), deps.ports);
  // Later routes of the event (and the customer's later events in the batch) see what this run
  // changed: patched in memory from the steps, or read afresh when a step failed midway.
  if (result.steps.some((step) => step.status === 'failed')) t.facts.invalidate();
  else t.facts.patch(profileChangesOf(route.plan, result.steps));
  await deps.runs.finish(t.storeId, runId, result);
}
