// The `apply_event` job: what ingest enqueues and the worker reads back.

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
