import type pg from 'pg';
import { named } from '../../db/named-statement';
import { EVENTS_PER_JOB } from '../../worker/apply-event-job';

/** An event that passed validation, ready to be stored. */
export interface ValidEvent {
  id: string;
  type: string;
  occurredAt: string;
}

/**
 * The insert and its jobs in one statement; `jobs` is the CTE that enqueues them (a SELECT CTE runs
 * only when referenced: the last column counts its rows). Up to EVENTS_PER_JOB rows make one job;
 * more are chunked (the chunking's window and grouping cost a single-event request ~20 % of its
 * throughput, so only big statements pay it). Without `jobs`, the events are marked `inline`: the
 * inline executor takes them, with no job (see worker/inline-sweep.ts).
 */
const insertSql = (jobs: string | null) => `
WITH input AS (
  SELECT r->>'s' AS store_id, r->'e'->>'id' AS event_id, r->'e'->>'type' AS type, r->'e' AS payload,
         (r->'e'->>'occurredAt')::timestamptz AS occurred_at, (r->>'d')::int AS depth, ord
  FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS x(r, ord)
), ins AS (
  INSERT INTO events (store_id, event_id, type, payload, occurred_at, depth, inline)
  SELECT store_id, event_id, type, payload, occurred_at, depth, ${jobs === null} FROM input ORDER BY ord
  ON CONFLICT (store_id, event_id) DO NOTHING
  RETURNING id, store_id, event_id
)${jobs === null ? '' : `, ${jobs}`}
SELECT ins.id, ins.store_id, ins.event_id,
       (SELECT time_zone FROM stores s WHERE s.id = ins.store_id) AS time_zone${
         jobs === null ? '' : ', (SELECT count(*) FROM jobs) AS jobs'
       }
FROM ins`;

const jobSpec = (ids: string) =>
  `ROW('apply_event', json_build_object('ids', ${ids}), NULL, NULL, NULL, NULL, NULL, NULL)::graphile_worker.job_spec`;

const oneJobSql = insertSql(`jobs AS (
  SELECT j.id FROM (SELECT array_agg(id ORDER BY id) AS ids FROM ins HAVING count(*) > 0) a
  CROSS JOIN LATERAL graphile_worker.add_jobs(ARRAY[${jobSpec('a.ids')}]) j
)`);

const chunkedJobsSql = insertSql(`chunks AS (
  SELECT array_agg(id ORDER BY id) AS ids
  FROM (SELECT id, (row_number() OVER (ORDER BY id) - 1) / ${EVENTS_PER_JOB} AS chunk FROM ins) numbered
  GROUP BY chunk
), jobs AS (
  SELECT j.id FROM (SELECT array_agg(${jobSpec('ids')} ORDER BY ids[1]) AS specs FROM chunks HAVING count(*) > 0) a
  CROSS JOIN LATERAL graphile_worker.add_jobs(a.specs) j
)`);

const inlineSql = insertSql(null);

interface InsertedRow {
  id: string;
  store_id: string;
  event_id: string;
  time_zone: string;
}

/**
 * Runs the insert, a named prepared statement: planned once per connection, not on every request
 * (at 500 single-event requests/s, event → first action p50 went from 6.5–9.5 ms to 4.4–4.6 ms in
 * `pnpm bench pipeline`). A deadlock (40P01: two requests carrying the same ids in different orders, each
 * waiting for the other's uncommitted row) is retried, as Postgres advises: one of them always wins.
 */
async function insertRetryingDeadlocks(pool: pg.Pool, rows: unknown[], inline: boolean, attempt = 1) {
  try {
    const sql = inline ? inlineSql : rows.length > EVENTS_PER_JOB ? chunkedJobsSql : oneJobSql;
    return await pool.query<InsertedRow>(named(sql, [JSON.stringify(rows)]));
  } catch (error) {
    if ((error as { code?: string }).code !== '40P01' || attempt >= 5) throw error;
    return insertRetryingDeadlocks(pool, rows, inline, attempt + 1);
  }
}

/** An event the statement inserted, as the inline executor takes it: nothing to read back. */
export interface StoredEvent {
  rowId: number;
  storeId: string;
  event: ValidEvent;
  depth: number;
  timeZone: string;
}

/**
 * Where stored events may go at once instead of to a job (see worker/inline-execution.ts):
 * `reserve` says whether it takes `n` more events now; `hand` gives it what the statement inserted.
 */
export interface InlineHandoff {
  reserve(n: number): boolean;
  hand(reserved: number, events: StoredEvent[]): void;
}

interface Waiting {
  storeId: string;
  events: ValidEvent[];
  depth: number;
  resolve: (inserted: Set<string>) => void;
  reject: (error: unknown) => void;
}

/** Most events one statement carries when concurrent requests are merged. */
const MAX_MERGED = 2000;

/**
 * The durable inbox. One statement inserts the events (a duplicate id per store is skipped) and
 * enqueues one `apply_event` job per chunk of up to EVENTS_PER_JOB inserted rows, atomically:
 * nothing accepted is lost, and a batch of events costs the queue a few jobs, not one each. Requests
 * arriving in the same turn of the event loop share one statement (one commit, one `add_jobs`
 * call): each still answers only after that statement committed, with its own accepted ids. With
 * an `inline` handoff that has room, the events are marked `inline` and enqueue no job; they are
 * handed to it once the requests are answered (the inline sweep is their safety net).
 */
export function createEventRepository(pool: pg.Pool, inline?: InlineHandoff) {
  let queue: Waiting[] = [];
  let scheduled = false;

  async function flush(batch: Waiting[]): Promise<void> {
    const rows: { s: string; e: ValidEvent; d: number }[] = [];
    const owner = new Map<string, Waiting>();
    const events = new Map<string, ValidEvent>();
    for (const w of batch) {
      for (const e of w.events) {
        const key = `${w.storeId}\u0000${e.id}`;
        if (owner.has(key)) continue; // the first request carrying an id owns it; others see a duplicate
        owner.set(key, w);
        events.set(key, e);
        rows.push({ s: w.storeId, e, d: w.depth });
      }
    }
    const reserved = inline?.reserve(rows.length) ? rows.length : 0;
    let result: pg.QueryResult<InsertedRow>;
    try {
      result = await insertRetryingDeadlocks(pool, rows, reserved > 0);
    } catch (error) {
      if (reserved > 0) inline!.hand(reserved, []);
      for (const w of batch) w.reject(error);
      return;
    }
    const inserted = new Map(batch.map((w) => [w, new Set<string>()]));
    const stored: StoredEvent[] = [];
    for (const r of result.rows) {
      const key = `${r.store_id}\u0000${r.event_id}`;
      const w = owner.get(key)!;
      inserted.get(w)!.add(r.event_id);
      if (reserved > 0)
        stored.push({
          rowId: Number(r.id),
          storeId: r.store_id,
          event: events.get(key)!,
          depth: w.depth,
          timeZone: r.time_zone,
        });
    }
    for (const w of batch) w.resolve(inserted.get(w)!);
    if (reserved > 0) inline!.hand(reserved, stored);
  }

  function drain(): void {
    scheduled = false;
    while (queue.length > 0) {
      let size = 0;
      let n = 0;
      while (n < queue.length && (n === 0 || size + queue[n]!.events.length <= MAX_MERGED)) {
        size += queue[n]!.events.length;
        n += 1;
      }
      void flush(queue.slice(0, n));
      queue = queue.slice(n);
    }
  }

  return {
    /** Stores the events; returns the ids that were new (the others were duplicates). */
    insert(storeId: string, events: ValidEvent[], depth = 0): Promise<Set<string>> {
      if (events.length === 0) return Promise.resolve(new Set());
      return new Promise((resolve, reject) => {
        queue.push({ storeId, events, depth, resolve, reject });
        if (!scheduled) {
          scheduled = true;
          setImmediate(drain);
        }
      });
    },
  };
}

/** The event repository's interface. */
export type EventRepository = ReturnType<typeof createEventRepository>;
