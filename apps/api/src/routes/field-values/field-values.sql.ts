import type { Source } from './field-values.sources';

/*
 * The field-values statements. Parameters are the same in all: $1 store id, $2 the LIKE pattern or
 * null, $3 the limit, $4 the sampled share of customers (sampling statements only). Each inner query
 * yields (value, label, count, approximate) per value; `ranked` names products and keeps the top `limit`.
 */

const matches = (s: Source) => `${s.value} <> '' AND ($2::text IS NULL OR ${s.value} ILIKE $2)`;

/** Every row of the store: exact, one pass (hashed) over the store's rows. */
export function exactSql(s: Source): string {
  return ranked(
    s,
    `SELECT ${s.value} AS value, ${s.label ?? 'NULL::text'} AS label, ${s.count}::int AS count,
            false AS approximate
     FROM ${s.from} WHERE c.store_id = $1 AND ${matches(s)} GROUP BY 1`,
  );
}

/**
 * CTEs `slices` and `sampled`: a systematic sample of the store's customers, the id range cut into
 * 64 periods and the first `$4` share of each read through the (store_id, customer) index, counts
 * scaled by period / width. Sampling customers (not rows) keeps "distinct customers" unbiased on
 * orders and items, and the fixed slices give the same answer on every keystroke.
 */
function sampleCtes(s: Source): string {
  return `b AS (
       SELECT min(id) AS lo, ceil((max(id) - min(id) + 1) / 64.0)::bigint AS period
       FROM customers WHERE store_id = $1
     ), slices AS (
       SELECT lo + period * k AS start, period,
              least(period, greatest(1, round(period * $4::float8)))::bigint AS width
       FROM b, generate_series(0, 63) AS k WHERE lo IS NOT NULL
     ), sampled AS (
       SELECT x.value, round(sum(x.n) * max(slices.period)::float8 / max(slices.width))::int AS count
       FROM slices CROSS JOIN LATERAL (
         SELECT ${s.value} AS value, ${s.count} AS n FROM ${s.from}
         WHERE c.store_id = $1 AND ${s.customer} >= slices.start AND ${s.customer} < slices.start + slices.width
           AND ${matches(s)}
         GROUP BY 1
       ) AS x
       GROUP BY 1
     )`;
}

/** The sample alone: every count approximate. */
export function sampledSql(s: Source): string {
  return ranked(
    s,
    `WITH ${sampleCtes(s)}
     SELECT value, NULL::text AS label, count, true AS approximate FROM sampled`,
  );
}

/**
 * A search on an indexed item column: the sample's values, approximate, plus the matching values the
 * sample missed, counted exactly. Those are found by a loose index scan (one descent per distinct
 * value) and are rare by construction, so counting them index-only is cheap: rare SKUs still show.
 */
export function searchSql(s: Source & { column: string }): string {
  const col = `c.${s.column}`;
  return ranked(
    s,
    `WITH RECURSIVE ${sampleCtes(s)}, vals(v) AS (
       SELECT min(${col}) FROM order_items c WHERE c.store_id = $1
       UNION ALL
       SELECT (SELECT min(${col}) FROM order_items c WHERE c.store_id = $1 AND ${col} > vals.v)
       FROM vals WHERE vals.v IS NOT NULL
     )
     SELECT value, NULL::text AS label, count, true AS approximate FROM sampled
     UNION ALL
     SELECT vals.v, NULL::text, x.n, false
     FROM vals CROSS JOIN LATERAL (
       SELECT count(DISTINCT c.customer_id)::int AS n FROM order_items c
       WHERE c.store_id = $1 AND ${col} = vals.v
     ) AS x
     WHERE vals.v <> '' AND vals.v ILIKE $2 AND vals.v NOT IN (SELECT value FROM sampled)`,
  );
}

/** The store's row estimate for the source's table, from the planner's statistics (no scan). */
export function estimateSql(s: Source): string {
  return `EXPLAIN (FORMAT JSON) SELECT 1 FROM ${s.table} WHERE store_id = $1`;
}

/** Most customers first, then by value; product values take their name from `products`. */
function ranked(s: Source, inner: string): string {
  const names = s.product
    ? `LEFT JOIN (SELECT ${s.product} AS key, max(name) AS name FROM products WHERE store_id = $1 GROUP BY 1) AS p
         ON p.key = r.value`
    : '';
  const label = s.product ? 'coalesce(p.name, r.label)' : 'r.label';
  return `SELECT r.value, ${label} AS label, r.count, r.approximate FROM (${inner}) AS r ${names}
          ORDER BY r.count DESC, r.value LIMIT $3`;
}
