import { compile, type Plan } from '@segflow/engine';
import type pg from 'pg';
import { WORKFLOW_CHANNEL } from '../routes/workflows/workflows.repository';
import { invalidateSegments, SEGMENT_CHANNEL } from '../segments/segment-cache';

/** An active published version a trigger type routes to. */
export interface Route {
  workflowId: string;
  versionId: string;
  plan: Plan;
}

const SAFETY_TTL_MS = 60_000;

/**
 * Active published versions indexed in memory by store and trigger type, in the order their
 * workflows were created (an event's runs go in that order, and a run sees what earlier ones
 * changed), with compiled plans
 * cached per (immutable) version. Publish / activate / deactivate NOTIFY on a channel; every
 * process LISTENs and drops the store's index, so a toggle takes effect for the next event. The
 * same connection LISTENs for segment saves (SEGMENT_CHANNEL) and drops the process's cached
 * segment predicates of that store.
 */
export function createWorkflowRouter(pool: pg.Pool) {
  const plans = new Map<string, Plan | null>();
  const stores = new Map<string, { at: number; byTrigger: Map<string, Route[]> }>();
  let listener: pg.PoolClient | null = null;
  let closed = false;

  function planFor(versionId: string, graph: unknown): Plan | null {
    if (!plans.has(versionId)) {
      const compiled = compile(graph);
      plans.set(versionId, compiled.ok ? compiled.plan : null);
    }
    return plans.get(versionId) ?? null;
  }

  async function loadStore(storeId: string) {
    const { rows } = await pool.query<{ workflow_id: string; version_id: string; graph: unknown }>(
      `SELECT w.id AS workflow_id, v.id AS version_id, v.graph
       FROM workflows w JOIN workflow_versions v ON v.id = w.published_version_id AND v.store_id = w.store_id
       WHERE w.store_id = $1 AND w.active ORDER BY w.created_at, w.id`,
      [storeId],
    );
    const byTrigger = new Map<string, Route[]>();
    for (const row of rows) {
      const plan = planFor(row.version_id, row.graph);
      if (!plan) continue;
      for (const type of plan.triggerTypes) {
        const list = byTrigger.get(type) ?? [];
        list.push({ workflowId: row.workflow_id, versionId: row.version_id, plan });
        byTrigger.set(type, list);
      }
    }
    const entry = { at: Date.now(), byTrigger };
    stores.set(storeId, entry);
    return entry;
  }

  async function listen(): Promise<void> {
    if (closed) return;
    try {
      listener = await pool.connect();
      listener.on('notification', (message) => {
        if (message.channel === SEGMENT_CHANNEL) {
          invalidateSegments(message.payload ?? '');
          return;
        }
        try {
          stores.delete((JSON.parse(message.payload ?? '{}') as { storeId?: string }).storeId ?? '');
        } catch {
          stores.clear();
        }
      });
      listener.on('error', () => reconnect());
      await listener.query(`LISTEN ${WORKFLOW_CHANNEL}`);
      await listener.query(`LISTEN ${SEGMENT_CHANNEL}`);
      stores.clear();
    } catch {
      reconnect();
    }
  }

  function reconnect(): void {
    stores.clear();
    const old = listener;
    listener = null;
    old?.release(true);
    if (!closed) setTimeout(() => void listen(), 1_000).unref();
  }

  return {
    /** Starts listening for changes (call once). */
    start: listen,
    /** Active routes of a store for a trigger type. */
    async routes(storeId: string, triggerType: string): Promise<Route[]> {
      let entry = stores.get(storeId);
      if (!entry || !listener || Date.now() - entry.at > SAFETY_TTL_MS) entry = await loadStore(storeId);
      return entry.byTrigger.get(triggerType) ?? [];
    },
    /** The plan of any version (waiting runs resume on their own version). */
    async planOf(versionId: string): Promise<Plan | null> {
      if (plans.has(versionId)) return plans.get(versionId) ?? null;
      const { rows } = await pool.query<{ graph: unknown }>(
        'SELECT graph FROM workflow_versions WHERE id = $1',
        [versionId],
      );
      return rows[0] ? planFor(versionId, rows[0].graph) : null;
    },
    /** Stops listening. */
    async close(): Promise<void> {
      closed = true;
      listener?.release(true);
      listener = null;
    },
  };
}

/** The router's interface. */
export type WorkflowRouter = ReturnType<typeof createWorkflowRouter>;
