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
 * Runs `work` in a REPEATABLE READ, read-only transaction and returns its result with the
 * transaction's horizon: the xmin of its snapshot. Every transaction below the horizon had finished
 * when the snapshot was taken, so any later write to a customer's facts carries a `facts_xid` at or
 * above it (migration 0010): the next refresh reads exactly those rows.
 */
export async function inSnapshot<T>(
  pool: pg.Pool,
  work: (client: pg.PoolClient) => Promise<T>,
): Promise<{ horizon: string; result: T }> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const { rows } = await client.query<{ horizon: string }>(
      'SELECT pg_snapshot_xmin(pg_current_snapshot())::text AS horizon',
    );
    const result = await work(client);
    await client.query('COMMIT');
    return { horizon: rows[0]!.horizon, result };
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

/** Loads a store's every customer, stats and order line into `columns` (empty); returns the horizon. */
export async function loadAll(pool: pg.Pool, storeId: string, columns: CustomerColumns): Promise<string> {
  const { horizon } = await inSnapshot(pool, async (client) => {
    await eachRow(client, `SELECT ${FACTS_COLUMNS} FROM ${FROM} WHERE c.store_id = $1`, [storeId], (r) =>
      columns.put(r),
    );
    const lines = await readLines(client, columns, 'store_id = $1', [storeId]);
    columns.lines.load(lines, columns.size);
  });
  return horizon;
}

/**
 * Applies every customer whose row or stats were written at or after `horizon` (their order lines
 * with their stats); returns the new horizon and how many customers were re-read.
 */
export async function applyChanges(
  pool: pg.Pool,
  storeId: string,
  columns: CustomerColumns,
  horizon: string,
): Promise<{ horizon: string; changed: number }> {
  const { horizon: next, result } = await inSnapshot(pool, async (client) => {
    let changed = 0;
    await eachRow(
      client,
      `SELECT ${FACTS_COLUMNS} FROM ${FROM} WHERE c.store_id = $1 AND c.id IN (
         SELECT id FROM customers WHERE store_id = $1 AND facts_xid >= $2::xid8
         UNION SELECT customer_id FROM customer_stats WHERE store_id = $1 AND facts_xid >= $2::xid8)`,
      [storeId, horizon],
      (r) => {
        columns.put(r);
        changed++;
      },
    );
    const { rows } = await client.query<{ id: number }>({
      text: 'SELECT customer_id::float8 AS id FROM customer_stats WHERE store_id = $1 AND facts_xid >= $2::xid8',
      values: [storeId, horizon],
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
  return { horizon: next, changed: result };
}
