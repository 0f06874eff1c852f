import type pg from 'pg';

/** An event that passed validation, ready to be stored. */
export interface ValidEvent {
  id: string;
  type: string;
  occurredAt: string;
}

const insertSql = `
WITH input AS (
  SELECT e->>'id' AS event_id, e->>'type' AS type, e AS payload, (e->>'occurredAt')::timestamptz AS occurred_at, ord
  FROM jsonb_array_elements($2::jsonb) WITH ORDINALITY AS x(e, ord)
), ins AS (
  INSERT INTO events (store_id, event_id, type, payload, occurred_at, depth)
  SELECT $1, event_id, type, payload, occurred_at, $3 FROM input ORDER BY ord
  ON CONFLICT (store_id, event_id) DO NOTHING
  RETURNING id, event_id
), jobs AS (
  SELECT graphile_worker.add_jobs(array_agg(
    ROW('apply_event', json_build_object('id', id), NULL, NULL, NULL, NULL, NULL, NULL)::graphile_worker.job_spec
    ORDER BY id)) AS job
  FROM ins HAVING count(*) > 0
)
SELECT ins.event_id, (SELECT count(*) FROM jobs) AS jobs FROM ins`;

/**
 * The durable inbox. One statement inserts the events (a duplicate id per store is skipped) and
 * enqueues one `apply_event` job per inserted row, atomically: nothing accepted is lost.
 */
export function createEventRepository(pool: pg.Pool) {
  return {
    /** Stores the events; returns the ids that were new (the others were duplicates). */
    async insert(storeId: string, events: ValidEvent[], depth = 0): Promise<Set<string>> {
      if (events.length === 0) return new Set();
      const { rows } = await pool.query<{ event_id: string }>(insertSql, [
        storeId,
        JSON.stringify(events),
        depth,
      ]);
      return new Set(rows.map((row) => row.event_id));
    },
  };
}

/** The event repository's interface. */
export type EventRepository = ReturnType<typeof createEventRepository>;
