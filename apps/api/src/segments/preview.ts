import type { Condition } from '@segflow/schema';
import type pg from 'pg';
import { z } from 'zod';
import { AppError } from '../errors';
import type { FactsIndexes } from './facts-index/facts-indexes';
import { previewFromIndex } from './facts-index/index-preview';
import { StaleIndexError } from './facts-index/read-facts';
import { INDEX_SORT_FIELDS, type IndexSortField, parseSortValue } from './facts-index/sort-keys';
import { CUSTOMER_COLUMNS, CUSTOMERS_FROM, type CustomerRow, matchSql, toMemberView } from './segment-sql';

/** Sort keys of a preview sample; each maps to a non-null SQL expression, ties broken by id. */
export const sortKeys = {
  id: 'c.id',
  createdAt: 'c.created_at',
  email: "lower(COALESCE(c.email, ''))",
  lifetimeSpend: 'COALESCE(s.lifetime_spend, 0)',
  orderCount: 'COALESCE(s.order_count, 0)',
  averageOrderValue: 'COALESCE(s.average_order_value, 0)',
  lastOrderAt: "COALESCE(s.last_order_at, '-infinity'::timestamptz)",
} as const;

/** `{field, direction}` of a preview sample (default: newest customers first). */
export const PreviewSortSchema = z.strictObject({
  field: z.enum(Object.keys(sortKeys) as [keyof typeof sortKeys]),
  direction: z.enum(['asc', 'desc']).default('asc'),
});

/** A preview request after route validation (the condition is parsed separately). */
export interface PreviewInput {
  condition: Condition;
  sort?: z.infer<typeof PreviewSortSchema>;
  limit: number;
  cursor?: string;
  segmentIds: readonly string[];
  now?: Date;
}

const castOf: Record<keyof typeof sortKeys, string> = {
  id: 'bigint',
  createdAt: 'timestamptz',
  email: 'text',
  lifetimeSpend: 'numeric',
  orderCount: 'numeric',
  averageOrderValue: 'numeric',
  lastOrderAt: 'timestamptz',
};

const valueShape: Record<string, (v: string) => boolean> = {
  bigint: (v) => /^-?\d{1,18}$/.test(v),
  numeric: (v) => /^-?\d{1,30}(\.\d{1,30})?$/.test(v),
  timestamptz: (v) =>
    v === '-infinity' || /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}(\.\d{1,6})?([+-]\d{2}(:?\d{2})?)?$/.test(v),
  text: () => true,
};

/** A cursor this endpoint issued for the same sort; anything else is a 400, never a failed cast. */
function decodeCursor(cursor: string, cast: string): { v: string; id: string } {
  try {
    const { v, id } = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as {
      v: unknown;
      id: unknown;
    };
    if (typeof v === 'string' && typeof id === 'string' && /^\d{1,18}$/.test(id) && valueShape[cast]?.(v)) {
      return { v, id };
    }
  } catch {}
  throw new AppError('validation_failed', 'cursor: not a cursor this endpoint returned');
}

/** A sample row with its sort value as text (the cursor's `v`). */
type PageRow = CustomerRow & { sort_value: string };

/** Customers the bounded walk of the created-at index looks at before giving up. */
const WALK = 5_000;

interface PageQuery {
  expr: string;
  dir: string;
  where: string;
  keyset: string;
  limit: number;
  params: unknown[];
  /** Sorted by created_at (the indexed sort). */
  byCreatedAt: boolean;
  /** Look only at the next {@link WALK} customers by created_at. */
  bounded: boolean;
}

/**
 * One page of matches. The created-at sort first walks the `(store_id, created_at, id)` index for
 * at most {@link WALK} customers, evaluating the condition per customer (a LATERAL subquery kept
 * apart by `OFFSET 0`: primary-key lookups into customers and customer_stats, correlated purchase
 * probes) and stopping at the page's last match: 2–60 ms at 1M when matches are common among recent
 * customers, where the planner's own join plan hashed every matching stats row (30–280 ms).
 * Unbounded, it sorts by an expression the index cannot serve, so the planner picks a parallel
 * scan + top-N sort instead of walking the whole index when matches are rare among recent customers
 * (measured: "no order in 180 days" at 1M took 7.4 s on the walk).
 */
function samplePage(pool: pg.Pool, q: PageQuery) {
  const columns = `${CUSTOMER_COLUMNS}, (${q.expr})::text AS sort_value`;
  if (q.bounded) {
    return pool.query<PageRow>(
      `SELECT x.* FROM (SELECT c.id, c.created_at FROM customers c WHERE c.store_id = $1${q.keyset}
         ORDER BY c.created_at ${q.dir}, c.id ${q.dir} LIMIT ${WALK}) r
       CROSS JOIN LATERAL (SELECT ${columns} FROM ${CUSTOMERS_FROM} WHERE c.id = r.id AND ${q.where} OFFSET 0) x
       ORDER BY r.created_at ${q.dir}, r.id ${q.dir} LIMIT ${q.limit}`,
      q.params,
    );
  }
  const order = q.byCreatedAt ? `(${q.expr} + interval '0 seconds')` : q.expr;
  return pool.query<PageRow>(
    `SELECT ${columns} FROM ${CUSTOMERS_FROM}
     WHERE ${q.where}${q.keyset} ORDER BY ${order} ${q.dir}, c.id ${q.dir} LIMIT ${q.limit}`,
    q.params,
  );
}

/**
 * Count and page from ONE evaluation, for when the bounded walk came up short (matches rare among the
 * newest customers): the matches' `(id, created_at)` are materialised once (the scan keeps its
 * parallel workers), counted, and the page's ids taken by a top-N sort; then their rows by primary
 * key. Replaces a count and a top-N scan that ran side by side over the same rows.
 */
async function countWithPage(pool: pg.Pool, q: PageQuery): Promise<{ n: number; rows: PageRow[] }> {
  const { rows } = await pool.query<{ n: string; ids: string[] }>(
    `WITH m AS MATERIALIZED (SELECT c.id, c.created_at FROM ${CUSTOMERS_FROM} WHERE ${q.where})
     SELECT (SELECT count(*) FROM m) AS n,
       ARRAY(SELECT c.id FROM m c WHERE TRUE${q.keyset} ORDER BY c.created_at ${q.dir}, c.id ${q.dir} LIMIT ${q.limit}) AS ids`,
    q.params,
  );
  const { n, ids } = rows[0]!;
  const page = await pool.query<PageRow>(
    `SELECT ${CUSTOMER_COLUMNS}, (${q.expr})::text AS sort_value FROM ${CUSTOMERS_FROM}
     WHERE c.store_id = $1 AND c.id = ANY($2::bigint[]) ORDER BY c.created_at ${q.dir}, c.id ${q.dir}`,
    [q.params[0], ids],
  );
  return { n: Number(n), rows: page.rows };
}

/**
 * The exact count and the page. Newest first (the default): the bounded walk first (milliseconds
 * when it fills the page), then the count alone; when it falls short, {@link countWithPage}. Other
 * sorts: count and top-N page concurrently.
 */
async function countAndPage(pool: pg.Pool, q: PageQuery, countParams: unknown[]) {
  const count = () =>
    pool
      .query<{ n: string }>(`SELECT count(*) AS n FROM ${CUSTOMERS_FROM} WHERE ${q.where}`, countParams)
      .then((r) => Number(r.rows[0]!.n));
  if (!q.byCreatedAt) {
    const [n, page] = await Promise.all([count(), samplePage(pool, { ...q, bounded: false })]);
    return { n, rows: page.rows };
  }
  const walk = await samplePage(pool, { ...q, bounded: true });
  if (walk.rows.length < q.limit) return countWithPage(pool, q);
  return { n: await count(), rows: walk.rows };
}

/**
 * Exact count, the store's customer total and the first page of matching customers, sorted and
 * keyset-paged (`nextCursor`). Works for unsaved conditions. Answered from the store's in-memory
 * index when `indexes` has it ready (every sort but email), otherwise in SQL; both are exact and
 * their cursors are interchangeable.
 */
export async function previewSegment(
  pool: pg.Pool,
  storeId: string,
  input: PreviewInput,
  indexes?: FactsIndexes,
) {
  const started = performance.now();
  const now = input.now ?? new Date();
  const sort = input.sort ?? { field: 'createdAt' as const, direction: 'desc' as const };
  const index = isIndexSort(sort.field) ? indexes?.ready(storeId) : null;
  const fromIndex = index
    ? await previewFromIndex(pool, index, {
        ...input,
        now,
        sort: { field: sort.field as IndexSortField, direction: sort.direction },
        after: input.cursor ? afterCursor(input.cursor, sort.field as IndexSortField) : undefined,
      }).catch((error: unknown) => {
        if (!(error instanceof StaleIndexError)) throw error;
        indexes!.drop(storeId);
        return null;
      })
    : null;
  const answer = fromIndex ?? (await previewInSql(pool, storeId, { ...input, now, sort }));
  return {
    ...answer,
    share: answer.total === 0 ? 0 : answer.count / answer.total,
    tookMs: Math.round((performance.now() - started) * 10) / 10,
  };
}

const isIndexSort = (field: string) => (INDEX_SORT_FIELDS as readonly string[]).includes(field);

function afterCursor(cursor: string, field: IndexSortField) {
  const { v, id } = decodeCursor(cursor, castOf[field]);
  return { v: parseSortValue(field, v), id: Number(id) };
}

/**
 * The SQL path: the store's total runs concurrently with {@link countAndPage}; every statement is
 * scoped by store id.
 */
async function previewInSql(
  pool: pg.Pool,
  storeId: string,
  input: PreviewInput & { now: Date; sort: z.infer<typeof PreviewSortSchema> },
) {
  const { now, sort } = input;
  const expr = sortKeys[sort.field];
  const match = matchSql(storeId, input.condition, { now, segmentIds: input.segmentIds });
  const sampleParams = [...match.params];
  let keyset = '';
  if (input.cursor) {
    const { v, id } = decodeCursor(input.cursor, castOf[sort.field]);
    sampleParams.push(v, id);
    const n = sampleParams.length;
    const op = sort.direction === 'asc' ? '>' : '<';
    keyset = ` AND (${expr}, c.id) ${op} ($${n - 1}::${castOf[sort.field]}, $${n}::bigint)`;
  }
  const page: PageQuery = {
    expr,
    dir: sort.direction === 'asc' ? 'ASC' : 'DESC',
    where: match.where,
    keyset,
    limit: input.limit + 1,
    params: sampleParams,
    byCreatedAt: sort.field === 'createdAt',
    bounded: false,
  };
  const [total, { n: count, rows: sampleRows }] = await Promise.all([
    pool.query<{ n: string }>('SELECT count(*) AS n FROM customers WHERE store_id = $1', [storeId]),
    countAndPage(pool, page, match.params),
  ]);
  const rows = sampleRows.slice(0, input.limit);
  const last = rows.at(-1);
  const nextCursor =
    sampleRows.length > input.limit && last
      ? Buffer.from(JSON.stringify({ v: last.sort_value, id: String(last.id) })).toString('base64url')
      : null;
  return { count, total: Number(total.rows[0]!.n), sample: rows.map(toMemberView), nextCursor };
}
