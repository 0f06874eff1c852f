import type pg from 'pg';
import { copyBinary } from './copy-binary';
import { type CustomerColumns, FACTS_COLUMNS } from './customer-columns';
import { LineBuffer } from './purchase-lines';

const FROM = 'customers c LEFT JOIN customer_stats s ON s.store_id = c.store_id AND s.customer_id = c.id';
const LINE_COLUMNS = 'customer_id, sku, product_id, category, brand, quantity, ordered_at';

/**
 * What a snapshot could not see: transactions at or after its `xmax`, and those in progress (`xip`)
 * when it was taken. A write to a customer's facts that a later snapshot sees but this one did not
 * carries one of these xids as its `facts_xid` (migration 0010).
 */
export interface Unseen {
  xmax: string;
  xip: string[];
  /** The store row's creation time: a store deleted and created again (a re-seed) is another store. */
  generation: string | null;
}

/** The store the index was loaded from is gone or was created again: the index must be rebuilt. */
export class StaleIndexError extends Error {}

/**
 * Runs `work` in a REPEATABLE READ, read-only transaction and returns its result with what its
 * snapshot did not see ({@link Unseen}). A long transaction elsewhere (even in another database)
 * costs nothing here: only rows written by the in-progress transactions themselves are re-read.
 */
export async function inSnapshot<T>(
  pool: pg.Pool,
  storeId: string,
  work: (client: pg.PoolClient, unseen: Unseen) => Promise<T>,
): Promise<{ unseen: Unseen; result: T }> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const { rows } = await client.query<Unseen>(
      `SELECT pg_snapshot_xmax(s)::text AS xmax, ARRAY(SELECT pg_snapshot_xip(s))::text[] AS xip,
         (SELECT created_at::text FROM stores WHERE id = $1) AS generation
       FROM pg_current_snapshot() s`,
      [storeId],
    );
    const result = await work(client, rows[0]!);
    await client.query('COMMIT');
    return { unseen: rows[0]!, result };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}

/** Reads order lines into a buffer, filed under each customer's slot (lines of unknown customers are skipped). */
async function readLines(
  client: pg.PoolClient,
  columns: CustomerColumns,
  where: string,
): Promise<LineBuffer> {
  const buffer = new LineBuffer();
  const kinds = columns.lines.kinds;
  // A customer's lines mostly come one after another (written by the same statements): remember the last.
  let lastId = Number.NaN;
  let lastSlot: number | undefined;
  await copyBinary(client, `SELECT ${LINE_COLUMNS} FROM order_items WHERE ${where}`, (t) => {
    const id = t.int8(0);
    if (id !== lastId) {
      lastId = id;
      lastSlot = columns.slotOf.get(id);
    }
    if (lastSlot === undefined) return;
    buffer.push(lastSlot, kinds.kindOf(t, 1), Math.floor(t.timestampUs(6) / 1000), t.int4(5));
  });
  return buffer;
}

/** Loads a store's every customer, stats and order line into `columns` (empty). */
export async function loadAll(pool: pg.Pool, storeId: string, columns: CustomerColumns): Promise<Unseen> {
  const { unseen } = await inSnapshot(pool, storeId, async (client) => {
    const store = client.escapeLiteral(storeId);
    await copyBinary(client, `SELECT ${FACTS_COLUMNS} FROM ${FROM} WHERE c.store_id = ${store}`, (t) =>
      columns.put(t),
    );
    const lines = await readLines(client, columns, `store_id = ${store}`);
    columns.lines.load(lines, columns.size);
  });
  return unseen;
}

/** `facts_xid` of a write the previous snapshot did not see (xids are digits: checked, then inlined). */
function unseenSql(previous: Unseen): string {
  const xids = [previous.xmax, ...previous.xip];
  if (!xids.every((x) => /^\d{1,20}$/.test(x)))
    throw new Error(`not a snapshot: ${JSON.stringify(previous)}`);
  const inProgress =
    previous.xip.length > 0 ? ` OR facts_xid IN (${previous.xip.map((x) => `'${x}'::xid8`).join(', ')})` : '';
  return `(facts_xid >= '${previous.xmax}'::xid8${inProgress})`;
}

/**
 * Applies every customer whose row or stats the previous read did not see (their order lines come
 * with their stats); returns what this read did not see.
 */
export async function applyChanges(
  pool: pg.Pool,
  storeId: string,
  columns: CustomerColumns,
  previous: Unseen,
): Promise<Unseen> {
  const unseen = unseenSql(previous);
  const { unseen: next } = await inSnapshot(pool, storeId, async (client, now) => {
    if (now.generation === null || now.generation !== previous.generation) throw new StaleIndexError(storeId);
    const store = client.escapeLiteral(storeId);
    const { rows } = await client.query<{ id: string; stats: boolean }>(
      `SELECT id, false AS stats FROM customers WHERE store_id = ${store} AND ${unseen}
       UNION ALL SELECT customer_id, true FROM customer_stats WHERE store_id = ${store} AND ${unseen}`,
    );
    if (rows.length === 0) return;
    const ids = [...new Set(rows.map((r) => Number(r.id)))];
    await copyBinary(
      client,
      `SELECT ${FACTS_COLUMNS} FROM ${FROM} WHERE c.store_id = ${store} AND c.id IN (${ids.join(',')})`,
      (t) => columns.put(t),
    );
    const withLines = [...new Set(rows.filter((r) => r.stats).map((r) => Number(r.id)))];
    if (withLines.length > 0) {
      const lines = await readLines(
        client,
        columns,
        `store_id = ${store} AND customer_id IN (${withLines.join(',')})`,
      );
      const slots = withLines.map((id) => columns.slotOf.get(id)).filter((s): s is number => s !== undefined);
      columns.lines.replace(slots, lines, columns.size);
    }
  });
  return next;
}
