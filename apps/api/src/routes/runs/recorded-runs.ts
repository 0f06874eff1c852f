import { parseStoredGraph } from '@segflow/schema';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../db/client';
import { AppError } from '../../errors';

/**
 * Recorded runs: the runs whose path ended without an action or a wait. The worker stores no
 * `runs` row for them; the event's `event_routes` row records each one's version and path (see
 * `worker/path-tally.ts`). Here they are read back in the shape of a stored run, under the id
 * `e<event row id>-<version id>` (unique, since a run is unique per version + event + customer).
 */

const recordedIdPattern =
  /^e([1-9][0-9]{0,17})-([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;

/** A run id: a stored run's uuid, or a recorded run's `e<event row id>-<version id>`. */
export const RunIdSchema = z
  .string()
  .toLowerCase()
  .refine((id) => z.uuid().safeParse(id).success || recordedIdPattern.test(id), {
    message: 'a run id is a uuid, or e<event id>-<version uuid> for a run recorded without a row',
  });

/** The event and version of a recorded run's id; null when `id` is not of that form. */
export function parseRecordedId(id: string): { eventId: number; versionId: string } | null {
  const match = recordedIdPattern.exec(id);
  return match ? { eventId: Number(match[1]), versionId: match[2]! } : null;
}

/** The timestamp text of a cursor and of the merge: UTC with microseconds, ordered as text. */
export const atText = (column: string) =>
  sql.raw(`to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`);

/** A stored path: steps `[nodeId, status, handle]` (`''` = none), a skip reason fourth. */
const StoredPathSchema = z.array(
  z.union([
    z.tuple([z.string(), z.string(), z.string()]),
    z.tuple([z.string(), z.string(), z.string(), z.string()]),
  ]),
);

/** Filters of the recorded side of a workflow's run history (status is the caller's to apply). */
export interface RecordedFilters {
  customerId?: number;
  since?: string;
  until?: string;
  cursor?: { at: string; id: string };
  limit: number;
}

/** A recorded run as a row of the run history (same shape as a stored one) plus its sort key. */
export interface RecordedListRow {
  at: string;
  run: ReturnType<typeof recordedView>;
}

function recordedView(r: {
  id: string;
  workflow_id: string;
  version_id: string;
  event_id: string;
  customer_id: string | null;
  depth: number;
  at: string;
}) {
  const at = new Date(r.at);
  return {
    id: r.id,
    workflowId: r.workflow_id,
    workflowVersionId: r.version_id,
    eventId: Number(r.event_id),
    customerId: r.customer_id === null ? null : Number(r.customer_id),
    status: 'completed' as const,
    reason: null,
    error: null,
    resumeAt: null,
    depth: r.depth,
    startedAt: at,
    finishedAt: at,
  };
}

type RecordedRow = Parameters<typeof recordedView>[0];

/**
 * A workflow's recorded runs, newest first by (routing time, id), at most `limit`. Reads the
 * event_routes rows that name one of the workflow's versions through the (store, time) or
 * (store, customer, time) index.
 */
export async function listRecorded(
  db: Db,
  storeId: string,
  workflowId: string,
  f: RecordedFilters,
): Promise<RecordedListRow[]> {
  const id = sql`('e' || r.event_id || '-' || u.version_id) COLLATE "C"`;
  const { rows } = await db.execute<RecordedRow>(sql`
    SELECT ${id} AS id, u.version_id, v.workflow_id, r.event_id, r.customer_id, e.depth, ${atText('r.routed_at')} AS at
    FROM event_routes r
    CROSS JOIN LATERAL unnest(r.run_versions) AS u(version_id)
    JOIN workflow_versions v ON v.id = u.version_id AND v.store_id = r.store_id AND v.workflow_id = ${workflowId}
    JOIN events e ON e.id = r.event_id
    WHERE r.store_id = ${storeId} AND r.run_versions IS NOT NULL
      AND r.run_versions && ARRAY(SELECT id FROM workflow_versions WHERE store_id = ${storeId} AND workflow_id = ${workflowId})
      ${f.customerId !== undefined ? sql`AND r.customer_id = ${f.customerId}` : sql``}
      ${f.since ? sql`AND r.routed_at >= ${f.since}::timestamptz` : sql``}
      ${f.until ? sql`AND r.routed_at <= ${f.until}::timestamptz` : sql``}
      ${
        f.cursor
          ? sql`AND (r.routed_at < ${f.cursor.at}::timestamptz OR (r.routed_at = ${f.cursor.at}::timestamptz AND ${id} < ${f.cursor.id}))`
          : sql``
      }
    ORDER BY r.routed_at DESC, 1 DESC
    LIMIT ${f.limit}`);
  return rows.map((r) => ({ at: r.at, run: recordedView(r) }));
}

/**
 * One recorded run with its steps (`at` = the routing time, node types from its version's graph)
 * and no actions, in the shape of a stored run; 404 when the store has no such run.
 */
export async function getRecorded(db: Db, storeId: string, runId: string) {
  const key = parseRecordedId(runId);
  if (!key) throw new AppError('run_not_found', `Run ${runId} does not exist`);
  const { rows } = await db.execute<RecordedRow & { graph: unknown; path: unknown }>(sql`
    SELECT ${runId} AS id, u.version_id, v.workflow_id, r.event_id, r.customer_id, e.depth,
           ${atText('r.routed_at')} AS at, v.graph, r.paths -> (r.run_paths[u.ord]::int) AS path
    FROM event_routes r
    CROSS JOIN LATERAL unnest(r.run_versions) WITH ORDINALITY AS u(version_id, ord)
    JOIN workflow_versions v ON v.id = u.version_id AND v.store_id = r.store_id
    JOIN events e ON e.id = r.event_id
    WHERE r.store_id = ${storeId} AND r.event_id = ${key.eventId} AND u.version_id = ${key.versionId}::uuid
    LIMIT 1`);
  const row = rows[0];
  if (!row) throw new AppError('run_not_found', `Run ${runId} does not exist`);
  const path = StoredPathSchema.safeParse(row.path);
  if (!path.success) throw new Error(`event_routes ${row.event_id}: unreadable path for ${key.versionId}`);
  const graph = parseStoredGraph(row.graph);
  const typeOf = new Map(graph.ok ? graph.graph.nodes.map((n) => [n.id, n.type as string]) : []);
  const run = recordedView(row);
  return {
    ...run,
    steps: path.data.map(([nodeId, status, handle, skipReason], seq) => ({
      seq,
      nodeId,
      nodeType: typeOf.get(nodeId) ?? 'unknown',
      status,
      handle: handle === '' ? null : handle,
      detail: skipReason ? { skipReason } : null,
      at: run.startedAt,
    })),
    actions: [] as never[],
  };
}
