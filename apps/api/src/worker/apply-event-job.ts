// The `apply_event` job: what ingest enqueues and the worker reads back.
import type pg from 'pg';

/**
 * The event row ids an `apply_event` job carries: `{ids}` (ingest enqueues one job per chunk of
 * up to {@link EVENTS_PER_JOB} events) or `{id}` (one event, as jobs were queued before chunking).
 */
export function applyEventJobIds(payload: unknown): number[] {
  const { id, ids } = (payload ?? {}) as { id?: unknown; ids?: unknown };
  const list = Array.isArray(ids) ? ids : [id];
  const out = list.map(Number).filter((n) => Number.isSafeInteger(n) && n > 0);
  if (out.length === 0) throw new Error(`apply_event: no event ids in ${JSON.stringify(payload)}`);
  return out;
}

/** Most events one `apply_event` job carries (ingest chunks by it; the worker batches up to it). */
export const EVENTS_PER_JOB = 32;

/**
 * Enqueues `apply_event` jobs, due now, for events already stored (one per chunk of
 * {@link EVENTS_PER_JOB} ids): what the inline executor does for a batch that failed, and the
 * inline sweep for events left unfinished. Returns how many jobs.
 */
export async function enqueueApplyJobs(
  client: Pick<pg.Pool, 'query'>,
  eventRowIds: number[],
): Promise<number> {
  if (eventRowIds.length === 0) return 0;
  const { rows } = await client.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM graphile_worker.add_jobs((
       SELECT array_agg(ROW('apply_event', json_build_object('ids', ids), NULL, NULL, NULL, NULL, NULL, NULL)::graphile_worker.job_spec)
       FROM (SELECT array_agg(id ORDER BY id) AS ids
             FROM (SELECT id, (row_number() OVER (ORDER BY id) - 1) / ${EVENTS_PER_JOB} AS chunk
                   FROM unnest($1::bigint[]) AS id) numbered
             GROUP BY chunk) chunks))`,
    [eventRowIds],
  );
  return rows[0]!.n;
}
