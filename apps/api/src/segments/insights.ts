import type pg from 'pg';

const bucketsSql = (expr: string, limit?: number) =>
  `(SELECT COALESCE(jsonb_agg(jsonb_build_object('key', k, 'count', n) ORDER BY n DESC, k), '[]'::jsonb)
    FROM (SELECT ${expr} AS k, count(*) AS n FROM m GROUP BY 1 ORDER BY 2 DESC, 1${limit ? ` LIMIT ${limit}` : ''}) x)`;

const ageBand = `CASE WHEN m.age IS NULL THEN 'unknown' WHEN m.age < 18 THEN '<18' WHEN m.age < 25 THEN '18-24'
  WHEN m.age < 35 THEN '25-34' WHEN m.age < 45 THEN '35-44' WHEN m.age < 55 THEN '45-54'
  WHEN m.age < 65 THEN '55-64' ELSE '65+' END`;

const spendBand = `CASE WHEN m.spend = 0 THEN 'none' WHEN m.spend < 10000 THEN '<$100' WHEN m.spend < 50000 THEN '$100-500'
  WHEN m.spend < 100000 THEN '$500-1k' WHEN m.spend < 500000 THEN '$1k-5k' ELSE '$5k+' END`;

/**
 * The persona view of a segment in ONE statement over its members: size, gender, age bands, top
 * states and countries, spend bands, top categories (by members who bought them), average order
 * value (total spend / total orders, cents), plus the daily size history.
 */
export async function segmentInsights(pool: pg.Pool, storeId: string, segmentId: string, now = new Date()) {
  const { rows } = await pool.query<{ insights: Record<string, unknown> }>(
    `WITH m AS MATERIALIZED (
       SELECT c.id, NULLIF(c.gender, '') AS gender, upper(NULLIF(c.country, '')) AS country,
         upper(NULLIF(c.state, '')) AS state,
         CASE WHEN c.birth_date IS NULL THEN NULL ELSE $3::int - extract(year FROM c.birth_date)::int
           - CASE WHEN $4::int < extract(month FROM c.birth_date)::int * 100 + extract(day FROM c.birth_date)::int
             THEN 1 ELSE 0 END END AS age,
         COALESCE(s.lifetime_spend, 0) AS spend, COALESCE(s.order_count, 0) AS orders
       FROM segment_memberships sm
       JOIN customers c ON c.store_id = sm.store_id AND c.id = sm.customer_id
       LEFT JOIN customer_stats s ON s.store_id = c.store_id AND s.customer_id = c.id
       WHERE sm.store_id = $1 AND sm.segment_id = $2::uuid
     )
     SELECT jsonb_build_object(
       'size', (SELECT count(*) FROM m),
       'gender', ${bucketsSql("COALESCE(m.gender, 'unknown')")},
       'ageBands', ${bucketsSql(ageBand)},
       'countries', ${bucketsSql("COALESCE(m.country, 'unknown')", 10)},
       'states', ${bucketsSql("COALESCE(m.country, '?') || '-' || COALESCE(m.state, 'unknown')", 10)},
       'spendBands', ${bucketsSql(spendBand)},
       'averageOrderValue', (SELECT COALESCE(round(sum(m.spend)::numeric / NULLIF(sum(m.orders), 0)), 0) FROM m),
       'averageLifetimeSpend', (SELECT COALESCE(round(avg(m.spend)), 0) FROM m),
       'topCategories', (SELECT COALESCE(jsonb_agg(jsonb_build_object('key', k, 'count', n) ORDER BY n DESC, k), '[]'::jsonb)
         FROM (SELECT oi.category AS k, count(DISTINCT oi.customer_id) AS n
               FROM order_items oi JOIN m ON oi.store_id = $1 AND oi.customer_id = m.id
               WHERE oi.category IS NOT NULL GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 10) x),
       'history', (SELECT COALESCE(jsonb_agg(jsonb_build_object('day', day, 'size', size) ORDER BY day), '[]'::jsonb)
         FROM (SELECT day, size FROM segment_snapshots WHERE store_id = $1 AND segment_id = $2::uuid
               ORDER BY day DESC LIMIT 366) h)
     ) AS insights`,
    [storeId, segmentId, now.getUTCFullYear(), (now.getUTCMonth() + 1) * 100 + now.getUTCDate()],
  );
  const insights = rows[0]!.insights;
  return { ...insights, size: Number(insights.size), averageOrderValue: Number(insights.averageOrderValue) };
}
