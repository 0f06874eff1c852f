import type { Plan, RunResult, StepRecord } from '@segflow/engine';
import type pg from 'pg';
import { named } from '../db/named-statement';
import { createPaths, encodeRecordedRuns, type RecordedStep } from './recorded-paths';
import { createSealedRuns, type SealedRunKey, sealedRunsCtes } from './sealed-runs';

/** Where one action-free run belongs: its store, workflow and version. */
export interface TallyRoute {
  storeId: string;
  workflowId: string;
  versionId: string;
}

const countersSql = (gateCheck: string) => `
WITH gate AS (
  INSERT INTO event_routes (event_id, store_id, counted, customer_id, run_versions, run_paths, paths)
  SELECT g.event_id, g.store_id, g.counted, g.customer_id, g.run_versions, g.run_paths, g.paths
  FROM jsonb_to_recordset($1::jsonb)
    AS g(event_id bigint, store_id text, counted int, customer_id bigint, run_versions uuid[], run_paths smallint[], paths jsonb)
  ON CONFLICT (event_id) DO NOTHING
  RETURNING event_id
), fresh AS (
  SELECT ${gateCheck} AS ok
)${sealedRunsCtes('(SELECT ok FROM fresh)')}
INSERT INTO path_counter_deltas (store_id, minute, version_ids, workflow_ids, node_ids, statuses, handles, ns)
SELECT d.store_id, date_trunc('minute', now()), d.v, d.w, d.node, d.status, d.handle, d.n
FROM jsonb_to_recordset($2::jsonb)
  AS d(store_id text, v uuid[], w uuid[], node text[], status text[], handle text[], n bigint[])
WHERE (SELECT ok FROM fresh)`;

// Every gate row of the batch must be new: otherwise the division by zero rolls the statement back.
const batchSql = countersSql('1 / ((SELECT count(*) FROM gate) = $5)::int = 1');
const oneEventSql = countersSql('EXISTS (SELECT 1 FROM gate)');

interface CounterRow {
  store_id: string;
  workflow_id: string;
  version_id: string;
  node_id: string;
  status: string;
  handle: string;
  n: number;
}

/**
 * Counter rows keyed by version, node, status and handle through nested maps, built when a batch
 * is written from its runs per version and path (see {@link countRuns}).
 */
function createCounterRows() {
  const index = new Map<string, Map<string, Map<string, Map<string, CounterRow>>>>();
  const rows: CounterRow[] = [];
  const child = <V>(map: Map<string, V>, key: string, make: () => V): V => {
    let value = map.get(key);
    if (value === undefined) {
      value = make();
      map.set(key, value);
    }
    return value;
  };
  return {
    rows,
    bump(route: TallyRoute, nodeId: string, status: string, handle: string, n: number): void {
      const byNode = child(index, route.versionId, () => new Map());
      const byStatus = child(byNode, nodeId, () => new Map());
      const byHandle = child(byStatus, status, () => new Map());
      const row = byHandle.get(handle);
      if (row) {
        row.n += n;
        return;
      }
      const fresh = {
        store_id: route.storeId,
        workflow_id: route.workflowId,
        version_id: route.versionId,
        node_id: nodeId,
        status,
        handle,
        n,
      };
      byHandle.set(handle, fresh);
      rows.push(fresh);
    },
  };
}

/** Counter rows as `path_counter_deltas` rows: one per store, its counters as aligned arrays. */
function counterDeltas(rows: CounterRow[]): string {
  type Delta = {
    store_id: string;
    v: string[];
    w: string[];
    node: string[];
    status: string[];
    handle: string[];
    n: number[];
  };
  const byStore = new Map<string, Delta>();
  for (const r of rows) {
    const delta = byStore.get(r.store_id) ?? {
      store_id: r.store_id,
      v: [],
      w: [],
      node: [],
      status: [],
      handle: [],
      n: [],
    };
    byStore.set(r.store_id, delta);
    delta.v.push(r.version_id);
    delta.w.push(r.workflow_id);
    delta.node.push(r.node_id);
    delta.status.push(r.status);
    delta.handle.push(r.handle);
    delta.n.push(r.n);
  }
  return JSON.stringify([...byStore.values()]);
}

/** Runs of one version over a batch (or one event), counted by the number of their path. */
interface VersionRuns {
  route: TallyRoute;
  byPath: number[];
}

/** Counts one run of `route` along path number `pathId`. */
function countRun(versions: Map<string, VersionRuns>, route: TallyRoute, pathId: number): void {
  let runs = versions.get(route.versionId);
  if (!runs) {
    runs = { route, byPath: [] };
    versions.set(route.versionId, runs);
  }
  runs.byPath[pathId] = (runs.byPath[pathId] ?? 0) + 1;
}

/** The counter rows of counted runs: per run the run itself (node `''`), then each step of its path. */
function countRuns(versions: Map<string, VersionRuns>, paths: RecordedStep[][]): CounterRow[] {
  const rows = createCounterRows();
  for (const { route, byPath } of versions.values())
    byPath.forEach((n, pathId) => {
      rows.bump(route, '', 'completed', '', n);
      for (const [nodeId, status, handle] of paths[pathId]!) rows.bump(route, nodeId!, status!, handle!, n);
    });
  return rows.rows;
}

/**
 * One gate row: the event's store and customer, and its action-free runs as two aligned lists (the
 * version of each run and the batch-wide number of its path; see recorded-paths.ts).
 */
interface Gate {
  storeId: string;
  customerId: number;
  versionIds: string[];
  pathIds: number[];
}

/**
 * Collects, over a claimed batch, the runs whose path ended without an action or a wait,
 * and the sealed runs (sealed-runs.ts), and writes them in ONE statement: a gate row per routed
 * event (`event_routes`, unique per event) that also records the event's action-free runs for the
 * run history (versions and paths, see {@link encodeRecordedRuns}), the summed counters (as one
 * `path_counter_deltas` row per store, folded into `path_counters` later), and the
 * sealed runs with their steps, ledger rows and profile changes, all written only if every gate
 * row is new, so a retried event never counts, records or acts twice. Should one exist already (the event was
 * routed by another worker after a crash), the statement rolls back and each event is written on
 * its own, its counters gated by its own row. An event with no action-free run still gets its gate
 * row: it marks the event's routing as finished (a retry skips it).
 */
export function createPathTally() {
  // Each gate keeps its runs, counted on their own only when a batch must be split.
  const gates = new Map<number, Gate>();
  let versions = new Map<string, VersionRuns>();
  let paths = createPaths();
  const sealed = createSealedRuns();
  const sealedJson = (ids: number[]) => {
    const { runs, profiles } = sealed.rows(ids);
    return [JSON.stringify(runs), JSON.stringify(profiles)];
  };
  const gateOf = (eventId: number, storeId: string, customerId: number) => {
    let gate = gates.get(eventId);
    if (!gate) {
      gate = { storeId, customerId, versionIds: [], pathIds: [] };
      gates.set(eventId, gate);
    }
    return gate;
  };
  const gateJson = (ids: number[]) =>
    JSON.stringify(
      ids.map((id) => {
        const gate = gates.get(id)!;
        return {
          event_id: id,
          store_id: gate.storeId,
          counted: gate.pathIds.length,
          customer_id: gate.customerId,
          ...encodeRecordedRuns(gate.versionIds, gate.pathIds, paths.paths),
        };
      }),
    );
  return {
    /** Counts and records one action-free run of `route` for the event and its customer. */
    add(eventId: number, customerId: number, route: TallyRoute, steps: StepRecord[]): void {
      const gate = gateOf(eventId, route.storeId, customerId);
      const pathId = paths.idOf(steps);
      gate.versionIds.push(route.versionId);
      gate.pathIds.push(pathId);
      countRun(versions, route, pathId);
    },
    /**
     * Keeps a sealed run of the event (see sealed-runs.ts): written with the event's gate row,
     * only if that row is new.
     */
    seal(key: SealedRunKey, plan: Plan, result: RunResult): void {
      gateOf(key.eventId, key.storeId, key.customerId);
      sealed.add(key, plan, result);
    },
    /** Marks the event's routing as finished (call after its real runs finished). */
    routed(eventId: number, storeId: string, customerId: number): void {
      gateOf(eventId, storeId, customerId);
    },
    /** Writes gates and counters; no-op when empty. */
    async flush(pool: Pick<pg.Pool, 'query'>): Promise<void> {
      if (gates.size === 0) return;
      const ids = [...gates.keys()];
      try {
        const counters = countRuns(versions, paths.paths);
        await pool.query(
          named(batchSql, [gateJson(ids), counterDeltas(counters), ...sealedJson(ids), ids.length]),
        );
      } catch (error) {
        if ((error as { code?: string }).code !== '22012') throw error;
        for (const id of ids) {
          const own = new Map<string, VersionRuns>();
          const gate = gates.get(id)!;
          gate.pathIds.forEach((pathId, i) => {
            countRun(own, versions.get(gate.versionIds[i]!)!.route, pathId);
          });
          await pool.query(oneEventSql, [
            gateJson([id]),
            counterDeltas(countRuns(own, paths.paths)),
            ...sealedJson([id]),
          ]);
        }
      }
      gates.clear();
      sealed.clear();
      versions = new Map();
      paths = createPaths();
    },
  };
}

/** A tally of one claimed batch. */
export type PathTally = ReturnType<typeof createPathTally>;
