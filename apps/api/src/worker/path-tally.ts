import type { StepRecord } from '@segflow/engine';
import type pg from 'pg';
import { named } from '../db/named-statement';

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
)
INSERT INTO path_counters AS p (store_id, workflow_id, workflow_version_id, minute, node_id, status, handle, n)
SELECT c.store_id, c.workflow_id, c.version_id, date_trunc('minute', now()), c.node_id, c.status, c.handle, c.n
FROM jsonb_to_recordset($2::jsonb) AS c(store_id text, workflow_id uuid, version_id uuid, node_id text, status text, handle text, n bigint)
WHERE (SELECT ok FROM fresh)
ORDER BY c.version_id, c.node_id, c.status, c.handle
ON CONFLICT (workflow_version_id, minute, node_id, status, handle) DO UPDATE SET n = p.n + EXCLUDED.n`;

// Every gate row of the batch must be new: otherwise the division by zero rolls the statement back.
const batchSql = countersSql('1 / ((SELECT count(*) FROM gate) = $3)::int = 1');
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
 * Counter rows keyed by version, node, status and handle through nested maps: a batch bumps
 * a few counters per routed workflow per event, and building a string key for each was the
 * tally's main cost (CPU and garbage).
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
    bump(route: TallyRoute, nodeId: string, status: string, handle: string): void {
      const byNode = child(index, route.versionId, () => new Map());
      const byStatus = child(byNode, nodeId, () => new Map());
      const byHandle = child(byStatus, status, () => new Map());
      const row = byHandle.get(handle);
      if (row) {
        row.n += 1;
        return;
      }
      const fresh = {
        store_id: route.storeId,
        workflow_id: route.workflowId,
        version_id: route.versionId,
        node_id: nodeId,
        status,
        handle,
        n: 1,
      };
      byHandle.set(handle, fresh);
      rows.push(fresh);
    },
  };
}

type CounterRows = ReturnType<typeof createCounterRows>;

/** A step as a gate row records it: `[nodeId, status, handle]`, `''` for no handle, + skip reason. */
type RecordedStep = string[];

/** Adds one run's counter rows (the run itself, then each step of its recorded path). */
function addRows(into: CounterRows, route: TallyRoute, path: RecordedStep[]): void {
  into.bump(route, '', 'completed', '');
  for (const [nodeId, status, handle] of path) into.bump(route, nodeId!, status!, handle!);
}

/**
 * One gate row: the event's store and customer, and its action-free runs as parallel lists (the
 * version and workflow of each run, and the batch-wide number of its path; see {@link createPaths}).
 */
interface Gate {
  storeId: string;
  customerId: number;
  versionIds: string[];
  workflowIds: string[];
  pathIds: number[];
}

/**
 * The distinct paths of a batch, each kept once and numbered. A run keeps the number of its path,
 * not its steps: a batch of 64 events × 49 action-free runs held every run's `StepRecord`s (with
 * their dates and outputs) until the batch flushed, long enough for V8 to promote them all to the
 * old generation, where they piled up as garbage between full GCs (≈ 16 MB/s at 430 events/s,
 * most of the worker's peak RSS in `pnpm bench pipeline`).
 */
function createPaths() {
  const ids = new Map<string, number>();
  const paths: RecordedStep[][] = [];
  return {
    paths,
    /** The number of the run's path (steps as the gate records them), added when new. */
    idOf(steps: StepRecord[]): number {
      let key = '';
      for (const s of steps)
        key += `${s.nodeId}\u0000${s.status}\u0000${s.handle ?? ''}\u0000${s.skipReason ?? ''}\u0001`;
      let id = ids.get(key);
      if (id === undefined) {
        id = paths.push(steps.map(recordedStep)) - 1;
        ids.set(key, id);
      }
      return id;
    },
  };
}

function recordedStep(s: StepRecord): RecordedStep {
  const step = [s.nodeId, s.status, s.handle ?? ''];
  if (s.skipReason) step.push(s.skipReason);
  return step;
}

/**
 * An event's action-free runs as `event_routes` records them: the version of each run, aligned by
 * index with the position of its path in `paths`, where each distinct path is stored once (runs of
 * versions whose node ids coincide share it), numbered in the order of the runs. A step is
 * `[nodeId, status, handle]`, `''` for no handle, plus its skip reason on a skipped step. All null
 * when the event had none.
 */
function encodeRecordedRuns(gate: Gate, batchPaths: RecordedStep[][]) {
  if (gate.pathIds.length === 0) return { run_versions: null, run_paths: null, paths: null };
  const paths: RecordedStep[][] = [];
  const local = new Map<number, number>();
  const runPaths = gate.pathIds.map((id) => {
    let i = local.get(id);
    if (i === undefined) {
      i = paths.push(batchPaths[id]!) - 1;
      local.set(id, i);
    }
    return i;
  });
  return { run_versions: gate.versionIds, run_paths: runPaths, paths };
}

/**
 * Collects, over a claimed batch of events, the runs whose path ended without an action or a wait,
 * and writes them in ONE statement: a gate row per routed event (`event_routes`, unique per event)
 * that also records the event's action-free runs for the run history (versions and paths, see
 * {@link encodeRecordedRuns}), and the batch's summed counters, added only if every gate row is
 * new, so a retried event never counts or records twice. Should one exist already (the event was
 * routed by another worker after a crash), the statement rolls back and each event is written on
 * its own, its counters gated by its own row. An event with no action-free run still gets its gate
 * row: it marks the event's routing as finished (a retry skips it).
 */
export function createPathTally() {
  // Each gate keeps its runs, summed into rows of its own only when a batch must be split.
  const gates = new Map<number, Gate>();
  let total = createCounterRows();
  let paths = createPaths();
  const gateOf = (eventId: number, storeId: string, customerId: number) => {
    let gate = gates.get(eventId);
    if (!gate) {
      gate = { storeId, customerId, versionIds: [], workflowIds: [], pathIds: [] };
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
          ...encodeRecordedRuns(gate, paths.paths),
        };
      }),
    );
  return {
    /** Counts and records one action-free run of `route` for the event and its customer. */
    add(eventId: number, customerId: number, route: TallyRoute, steps: StepRecord[]): void {
      const gate = gateOf(eventId, route.storeId, customerId);
      const pathId = paths.idOf(steps);
      gate.versionIds.push(route.versionId);
      gate.workflowIds.push(route.workflowId);
      gate.pathIds.push(pathId);
      addRows(total, route, paths.paths[pathId]!);
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
        await pool.query(named(batchSql, [gateJson(ids), JSON.stringify(total.rows), ids.length]));
      } catch (error) {
        if ((error as { code?: string }).code !== '22012') throw error;
        for (const id of ids) {
          const rows = createCounterRows();
          const gate = gates.get(id)!;
          gate.pathIds.forEach((pathId, i) => {
            const route = {
              storeId: gate.storeId,
              workflowId: gate.workflowIds[i]!,
              versionId: gate.versionIds[i]!,
            };
            addRows(rows, route, paths.paths[pathId]!);
          });
          await pool.query(oneEventSql, [gateJson([id]), JSON.stringify(rows.rows)]);
        }
      }
      gates.clear();
      total = createCounterRows();
      paths = createPaths();
    },
  };
}

/** A tally of one claimed batch. */
export type PathTally = ReturnType<typeof createPathTally>;
