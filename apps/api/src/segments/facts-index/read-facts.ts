import type pg from 'pg';
import { type CustomerColumns, FACTS_COLUMNS, type FactsTuple } from './customer-columns';
import { LineBuffer } from './purchase-lines';

const FROM = 'customers c LEFT JOIN customer_stats s ON s.store_id = c.store_id AND s.customer_id = c.id';
const LINE_COLUMNS = `customer_id::float8, sku, product_id, category, brand, quantity,
  (extract(epoch from ordered_at) * 1000000)::float8`;
const FETCH = 20_000;

/** Every value as the server sends it (text), except numbers, which the index wants as numbers. */
const rawTypes = {
  getTypeParser: (oid: number) => {
    if (oid === 701 || oid === 23) return (v: string) => Number(v); // float8, int4
    if (oid === 16) return (v: string) => v === 't'; // bool
    return (v: string) => v;
  },
};

/**
 * What a snapshot could not see: transactions at or after its `xmax`, and those in progress (`xip`)
 * when it was taken. A write to a customer's facts that a later snapshot sees but this one did not
 * carries one of these xids as its `facts_xid` (migration 0010).
 */
export interface Unseen {
  xmax: string;
  xip: string[];
}

/**
 * Runs `work` in a REPEATABLE READ, read-only transaction and returns its result with what its
 * snapshot did not see ({@link Unseen}). A long transaction elsewhere (even in another database)
 * costs nothing here: only rows written by the in-progress transactions themselves are re-read.
 */
export async function inSnapshot<T>(
  pool: pg.Pool,
  work: (client: pg.PoolClient) => Promise<T>,
): Promise<{ unseen: Unseen; result: T }> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    // Cursors are read to the end: plan for all rows, not the first 10 % (nested loops measured 20× slower).
    await client.query('SET LOCAL cursor_tuple_fraction = 1');
    const { rows } = await client.query<Unseen>(
      `SELECT pg_snapshot_xmax(s)::text AS xmax, ARRAY(SELECT pg_snapshot_xip(s))::text[] AS xip
       FROM pg_current_snapshot() s`,
    );
    const result = await work(client);
    await client.query('COMMIT');
    return { unseen: rows[0]!, result };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}

/** Streams a query's rows in array mode through a cursor, `FETCH` rows at a time. */
async function eachRow(
  client: pg.PoolClient,
  text: string,
  values: unknown[],
  onRow: (row: FactsTuple) => void,
): Promise<void> {
  await client.query({ text: `DECLARE facts_cursor NO SCROLL CURSOR FOR ${text}`, values });
  for (;;) {
    const { rows } = await client.query({
      text: `FETCH FORWARD ${FETCH} FROM facts_cursor`,
      rowMode: 'array',
      types: rawTypes,
    });
    for (const row of rows as FactsTuple[]) onRow(row);
    if (rows.length < FETCH) break;
  }
  await client.query('CLOSE facts_cursor');
}

/** Reads order lines into a buffer, filed under each customer's slot (lines of unknown customers are skipped). */
async function readLines(
  client: pg.PoolClient,
  columns: CustomerColumns,
  where: string,
  values: unknown[],
): Promise<LineBuffer> {
  const buffer = new LineBuffer();
  const kinds = columns.lines.kinds;
  await eachRow(client, `SELECT ${LINE_COLUMNS} FROM order_items WHERE ${where}`, values, (r) => {
    const slot = columns.slotOf.get(r[0] as number);
    if (slot === undefined) return;
    const kind = kinds.kindOf(
      r[1] as string | null,
      r[2] as string | null,
      r[3] as string | null,
      r[4] as string | null,
    );
    buffer.push(slot, kind, Math.floor((r[6] as number) / 1000), r[5] as number);
  });
  return buffer;
}

/** Loads a store's every customer, stats and order line into `columns` (empty). */
export async function loadAll(pool: pg.Pool, storeId: string, columns: CustomerColumns): Promise<Unseen> {
  const { unseen } = await inSnapshot(pool, async (client) => {
    await eachRow(client, `SELECT ${FACTS_COLUMNS} FROM ${FROM} WHERE c.store_id = $1`, [storeId], (r) =>
      columns.put(r),
    );
    const lines = await readLines(client, columns, 'store_id = $1', [storeId]);
    columns.lines.load(lines, columns.size);
  });
  return unseen;
}

/** `facts_xid` of a write the previous snapshot did not see ($2: its xmax, $3: its xip). */
const UNSEEN = '(facts_xid >= $2::xid8 OR facts_xid = ANY($3::xid8[]))';

/**
 * Applies every customer whose row or stats the previous read did not see (their order lines come
 * with their stats); returns what this read did not see and how many customers were re-read.
 */
export async function applyChanges(
  pool: pg.Pool,
  storeId: string,
  columns: CustomerColumns,
  previous: Unseen,
): Promise<{ unseen: Unseen; changed: number }> {
  const since = [storeId, previous.xmax, previous.xip];
  const { unseen, result } = await inSnapshot(pool, async (client) => {
    let changed = 0;
    await eachRow(
      client,
      `SELECT ${FACTS_COLUMNS} FROM ${FROM} WHERE c.store_id = $1 AND c.id IN (
         SELECT id FROM customers WHERE store_id = $1 AND ${UNSEEN}
         UNION SELECT customer_id FROM customer_stats WHERE store_id = $1 AND ${UNSEEN})`,
      since,
      (r) => {
        columns.put(r);
        changed++;
      },
    );
    const { rows } = await client.query<{ id: number }>({
      text: `SELECT customer_id::float8 AS id FROM customer_stats WHERE store_id = $1 AND ${UNSEEN}`,
      values: since,
      types: rawTypes,
    });
    if (rows.length > 0) {
      const ids = rows.map((r) => r.id);
      const lines = await readLines(client, columns, 'store_id = $1 AND customer_id = ANY($2::bigint[])', [
        storeId,
        ids,
      ]);
      const slots = ids.map((id) => columns.slotOf.get(id)).filter((s): s is number => s !== undefined);
      columns.lines.replace(slots, lines, columns.size);
    }
    return changed;
  });
  return { unseen, changed: result };
}
