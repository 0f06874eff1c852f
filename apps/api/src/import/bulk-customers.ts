import type { EventCustomer } from '@segflow/schema';
import type pg from 'pg';
import { profileColumns } from '../worker/apply-customer';

const textColumns = [
  'email',
  'first_name',
  'last_name',
  'company',
  'phone',
  'gender',
  'country',
  'state',
  'city',
  'zip',
];

/** The profile columns a customer line sets (absent keys stay as they are), exactly as `upsertCustomer`. */
function profile(c: EventCustomer): Record<string, unknown> {
  return Object.fromEntries(profileColumns(c));
}

const assign = (column: string, value: string) =>
  `${column} = CASE WHEN x.p ? '${column}' THEN ${value} ELSE c.${column} END`;

/**
 * Upserts a chunk of validated customers in three set-based statements (update existing, insert
 * new, ensure stats) with the semantics of the pipeline's `upsertCustomer`: only the keys a line
 * carries change, attributes merge, and an older line never overwrites newer data. Run it inside
 * a transaction; it throws on duplicates in the chunk or refused data, and the caller then
 * falls back to one savepoint per line to find the bad one.
 */
export async function upsertCustomerChunk(
  client: pg.ClientBase,
  storeId: string,
  customers: EventCustomer[],
): Promise<void> {
  const ids = new Set(customers.map((c) => c.externalId));
  if (ids.size !== customers.length) throw new Error('duplicate external ids in the chunk');
  const now = new Date().toISOString();
  const rows = customers.map((c) => ({
    external_id: c.externalId,
    p: profile(c),
    attributes: c.attributes ?? {},
    created_at: c.createdAt ?? now,
    at: c.createdAt ?? now,
  }));
  const x = `SELECT * FROM jsonb_to_recordset($2::jsonb) AS x(external_id text, p jsonb, attributes jsonb, created_at timestamptz, at timestamptz)`;
  const sets = [
    ...textColumns.map((col) => assign(col, `x.p->>'${col}'`)),
    assign('birth_date', `(x.p->>'birth_date')::date`),
    assign('accepts_marketing', `coalesce((x.p->>'accepts_marketing')::boolean, false)`),
    assign('tags', `ARRAY(SELECT jsonb_array_elements_text(x.p->'tags'))`),
  ];
  await client.query(
    `UPDATE customers c SET ${sets.join(', ')}, attributes = c.attributes || x.attributes, source_updated_at = x.at, updated_at = now()
     FROM (${x}) x WHERE c.store_id = $1 AND c.external_id = x.external_id
       AND (c.source_updated_at IS NULL OR c.source_updated_at <= x.at)`,
    [storeId, JSON.stringify(rows)],
  );
  await client.query(
    `INSERT INTO customers (store_id, external_id, ${textColumns.join(', ')}, birth_date, accepts_marketing, tags, attributes, created_at, source_updated_at)
     SELECT $1, x.external_id, ${textColumns.map((col) => `x.p->>'${col}'`).join(', ')}, (x.p->>'birth_date')::date,
       coalesce((x.p->>'accepts_marketing')::boolean, false), coalesce(ARRAY(SELECT jsonb_array_elements_text(x.p->'tags')), '{}'),
       x.attributes, x.created_at, x.at
     FROM (${x}) x ON CONFLICT (store_id, external_id) DO NOTHING`,
    [storeId, JSON.stringify(rows)],
  );
  await client.query(
    `INSERT INTO customer_stats (store_id, customer_id)
     SELECT $1, c.id FROM customers c WHERE c.store_id = $1 AND c.external_id = ANY($2::text[]) ON CONFLICT DO NOTHING`,
    [storeId, [...ids]],
  );
}
