import { and, asc, desc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { actionExecutions, runSteps, runs, type runStatuses, workflows } from '../../db/schema/index';
import { AppError } from '../../errors';
import { atText, getRecorded, listRecorded, parseRecordedId, RunIdSchema } from './recorded-runs';

/** Filters of the run history. */
export interface RunFilters {
  status?: (typeof runStatuses)[number];
  customerId?: number;
  since?: string;
  until?: string;
  limit: number;
  cursor?: string;
}

const cursorAt = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

/**
 * A page cursor: the last item's time (UTC, microseconds: many recorded runs share one routing
 * time) and id. Items are ordered by (time, id) descending, ids compared as text ("C").
 */
function decodeCursor(cursor: string): { at: string; id: string } {
  const [at, id, extra] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  if (!at || !id || extra !== undefined || !cursorAt.test(at) || Number.isNaN(Date.parse(at))) {
    throw new AppError('validation_failed', 'cursor: invalid');
  }
  if (!RunIdSchema.safeParse(id).success) throw new AppError('validation_failed', 'cursor: invalid');
  return { at, id };
}

const encodeCursor = (at: string, id: string) => Buffer.from(`${at}|${id}`).toString('base64url');

/** Newest first: by time, then id as text (the order both queries use). */
const newestFirst = (a: { at: string; run: { id: string } }, b: { at: string; run: { id: string } }) =>
  a.at !== b.at ? (a.at < b.at ? 1 : -1) : a.run.id < b.run.id ? 1 : a.run.id > b.run.id ? -1 : 0;

/** Run history and traces, scoped by store. */
export function createRunRepository(db: Db) {
  return {
    /**
     * A workflow's runs, newest first, keyset-paged, filtered by status / customer / time: stored
     * runs and recorded ones (action-free, `completed`, no row: see recorded-runs.ts) merged by
     * (time, id). Each source reads at most limit + 1 past the cursor, so a page is exact.
     */
    async listForWorkflow(storeId: string, workflowId: string, f: RunFilters) {
      const [wf] = await db
        .select({ id: workflows.id })
        .from(workflows)
        .where(and(eq(workflows.storeId, storeId), eq(workflows.id, workflowId)));
      if (!wf) throw new AppError('workflow_not_found', `Workflow ${workflowId} does not exist`);
      const cursor = f.cursor ? decodeCursor(f.cursor) : undefined;
      const stored = await db
        .select({ run: runs, at: sql<string>`${atText('"runs"."started_at"')}` })
        .from(runs)
        .where(
          and(
            eq(runs.storeId, storeId),
            eq(runs.workflowId, workflowId),
            f.status ? eq(runs.status, f.status) : undefined,
            f.customerId !== undefined ? eq(runs.customerId, f.customerId) : undefined,
            // Compared as Postgres reads the text (microseconds kept), like the recorded side.
            f.since ? sql`${runs.startedAt} >= ${f.since}::timestamptz` : undefined,
            f.until ? sql`${runs.startedAt} <= ${f.until}::timestamptz` : undefined,
            cursor
              ? sql`(${runs.startedAt} < ${cursor.at}::timestamptz OR (${runs.startedAt} = ${cursor.at}::timestamptz AND ${runs.id}::text COLLATE "C" < ${cursor.id}))`
              : undefined,
          ),
        )
        .orderBy(desc(runs.startedAt), desc(runs.id))
        .limit(f.limit + 1);
      const recorded =
        f.status && f.status !== 'completed'
          ? []
          : await listRecorded(db, storeId, workflowId, { ...f, cursor, limit: f.limit + 1 });
      const merged = [...stored.map(({ run, at }) => ({ at, run: runView(run) })), ...recorded].sort(
        newestFirst,
      );
      const page = merged.slice(0, f.limit);
      const last = page.at(-1);
      const nextCursor = merged.length > f.limit && last ? encodeCursor(last.at, last.run.id) : null;
      return { items: page.map(({ run }) => run), nextCursor };
    },
    /** One run with its step trace and action ledger; a recorded run by its `e…` id. */
    async get(storeId: string, runId: string) {
      if (parseRecordedId(runId)) return getRecorded(db, storeId, runId);
      const [run] = await db
        .select()
        .from(runs)
        .where(and(eq(runs.storeId, storeId), eq(runs.id, runId)));
      if (!run) throw new AppError('run_not_found', `Run ${runId} does not exist`);
      const steps = await db
        .select()
        .from(runSteps)
        .where(and(eq(runSteps.storeId, storeId), eq(runSteps.runId, runId)))
        .orderBy(asc(runSteps.seq));
      const actions = await db
        .select()
        .from(actionExecutions)
        .where(and(eq(actionExecutions.storeId, storeId), eq(actionExecutions.runId, runId)));
      return {
        ...runView(run),
        steps: steps.map((s) => ({
          seq: s.seq,
          nodeId: s.nodeId,
          nodeType: s.nodeType,
          status: s.status,
          handle: s.handle,
          detail: s.detail,
          at: s.at,
        })),
        actions: actions.map((a) => ({
          nodeId: a.nodeId,
          actionType: a.actionType,
          status: a.status,
          result: a.result,
          executedAt: a.executedAt,
        })),
      };
    },
    /**
     * Sends a failed run back to work from its failed step: status `running` again and a
     * `retry_run` job (keyed per run, so a double click queues one), in one statement. 409 unless
     * the run failed; a recorded run is completed by definition (404 when it does not exist).
     */
    async retry(storeId: string, runId: string) {
      if (parseRecordedId(runId)) {
        await getRecorded(db, storeId, runId);
        throw new AppError('conflict', 'Nothing to retry: this run completed (its path reached no action)');
      }
      const retried = await db.execute<{ id: string }>(sql`
        WITH r AS (
          UPDATE runs SET status = 'running', error = NULL, finished_at = NULL
          WHERE store_id = ${storeId} AND id = ${runId} AND status = 'failed' RETURNING id
        )
        SELECT r.id, graphile_worker.add_job('retry_run', json_build_object('runId', r.id::text),
                 job_key := 'retry:' || r.id::text) IS NOT NULL AS queued
        FROM r`);
      if (retried.rows[0]) return { id: runId, status: 'running' as const };
      const [run] = await db
        .select({ status: runs.status })
        .from(runs)
        .where(and(eq(runs.storeId, storeId), eq(runs.id, runId)));
      if (!run) throw new AppError('run_not_found', `Run ${runId} does not exist`);
      throw new AppError('conflict', `Only a failed run can be retried (this one is ${run.status})`);
    },
    /**
     * Per-node counters for the canvas overlay: entered, per handle, acted, failed, skipped. Runs
     * whose path ended without an action are counted per minute (the `path_counts` view), so `since` is
     * exact for stored runs and rounded down to the minute for those.
     */
    async nodeStats(storeId: string, workflowId: string, since?: string) {
      // Stored runs (acted, waited, failed, guarded) plus the counted action-free ones.
      const rows = await db.execute<{
        node_id: string;
        status: string;
        handle: string | null;
        n: string;
      }>(sql`
        SELECT rs.node_id, rs.status, rs.handle, count(*) AS n
        FROM run_steps rs JOIN runs r ON r.id = rs.run_id AND r.store_id = rs.store_id
        WHERE r.store_id = ${storeId} AND r.workflow_id = ${workflowId} ${since ? sql`AND r.started_at >= ${new Date(since)}` : sql``}
        GROUP BY 1, 2, 3
        UNION ALL
        SELECT node_id, status, NULLIF(handle, ''), sum(n) FROM path_counts
        WHERE store_id = ${storeId} AND workflow_id = ${workflowId} AND node_id <> ''
        ${since ? sql`AND minute >= date_trunc('minute', ${new Date(since)}::timestamptz)` : sql``}
        GROUP BY 1, 2, 3`);
      const byRun = await db.execute<{ status: string; n: string }>(sql`
        SELECT status, sum(n) AS n FROM (
          SELECT status, count(*) AS n FROM runs WHERE store_id = ${storeId} AND workflow_id = ${workflowId}
          ${since ? sql`AND started_at >= ${new Date(since)}` : sql``} GROUP BY 1
          UNION ALL
          SELECT status, sum(n) FROM path_counts WHERE store_id = ${storeId} AND workflow_id = ${workflowId}
          AND node_id = '' ${since ? sql`AND minute >= date_trunc('minute', ${new Date(since)}::timestamptz)` : sql``}
          GROUP BY 1
        ) x GROUP BY 1`);
      const nodes: Record<
        string,
        { entered: number; handles: Record<string, number>; statuses: Record<string, number> }
      > = {};
      for (const row of rows.rows) {
        const node = nodes[row.node_id] ?? { entered: 0, handles: {}, statuses: {} };
        nodes[row.node_id] = node;
        const n = Number(row.n);
        node.entered += n;
        node.statuses[row.status] = (node.statuses[row.status] ?? 0) + n;
        if (row.handle) node.handles[row.handle] = (node.handles[row.handle] ?? 0) + n;
      }
      return { runs: Object.fromEntries(byRun.rows.map((r) => [r.status, Number(r.n)])), nodes };
    },
  };
}

function runView(r: typeof runs.$inferSelect) {
  return {
    id: r.id,
    workflowId: r.workflowId,
    workflowVersionId: r.workflowVersionId,
    eventId: r.eventId,
    customerId: r.customerId,
    status: r.status,
    reason: r.reason,
    error: r.error,
    resumeAt: r.resumeAt,
    depth: r.depth,
    startedAt: r.startedAt,
    finishedAt: r.finishedAt,
  };
}

/** The run repository's interface. */
export type RunRepository = ReturnType<typeof createRunRepository>;
