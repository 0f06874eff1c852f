import type { EventCustomer } from '@segflow/schema';
import { sql } from 'drizzle-orm';
import { Placeholders, type SqlExecutor, textSql } from '../db/named-statement';

/** The profile columns an event customer sets, by column name; keys absent from the event are left as they are. */
export function profileColumns(c: EventCustomer): Map<string, unknown> {
  const out = new Map<string, unknown>();
  const set = (column: string, value: unknown) => {
    if (value !== undefined) out.set(column, value);
  };
  set('email', c.email);
  set('first_name', c.firstName);
  set('last_name', c.lastName);
  set('company', c.company);
  set('phone', c.phone);
  set('gender', c.gender);
  set('birth_date', c.birthDate);
  if (c.address !== undefined) {
    set('country', c.address?.country?.toUpperCase() ?? null);
    set('state', c.address?.state?.toUpperCase() ?? null);
    set('city', c.address?.city ?? null);
    set('zip', c.address?.zip ?? null);
  }
  set('accepts_marketing', c.acceptsMarketing);
  set('tags', c.tags);
  return out;
}

/**
 * The CTEs that upsert the event's customer, ending in `customer` (one row: its `id`), to open a
 * `WITH`: {@link upsertCustomer} selects the id, the order path chains its order onto it in the
 * same statement. Profile fields follow the newest event (by `occurredAt`): a late, older event
 * never overwrites newer data (the upsert then updates nothing and the id comes from the existing
 * row). Attributes merge. Plain text with placeholders on this hot path (see Placeholders).
 */
export function customerUpsertCtes(
  p: Placeholders,
  storeId: string,
  c: EventCustomer,
  occurredAt: Date,
): string {
  const profile = profileColumns(c);
  const columns = [...profile.keys(), ''].join(', ');
  const values = [...profile.values()].map((value) => `${p.add(value)}, `).join('');
  const updates = [...profile.keys()].map((column) => `${column} = EXCLUDED.${column}, `).join('');
  const at = occurredAt.toISOString();
  const createdAt = c.createdAt ? new Date(c.createdAt).toISOString() : at;
  const store = p.add(storeId);
  const externalId = p.add(c.externalId);
  return `
    up AS (
      INSERT INTO customers AS c (store_id, external_id, ${columns}attributes, created_at, source_updated_at)
      VALUES (${store}, ${externalId}, ${values}${p.add(JSON.stringify(c.attributes ?? {}))}::jsonb, ${p.add(createdAt)}::timestamptz, ${p.add(at)}::timestamptz)
      ON CONFLICT (store_id, external_id) DO UPDATE SET ${updates}
        attributes = c.attributes || EXCLUDED.attributes, source_updated_at = EXCLUDED.source_updated_at, updated_at = now()
      WHERE c.source_updated_at IS NULL OR c.source_updated_at <= EXCLUDED.source_updated_at
      RETURNING id
    ), customer AS (
      SELECT id FROM up
      UNION ALL
      SELECT id FROM customers WHERE store_id = ${store} AND external_id = ${externalId} AND NOT EXISTS (SELECT 1 FROM up)
    )`;
}

/** Upserts the event's customer and returns its id, in one statement (see {@link customerUpsertCtes}). */
export async function upsertCustomer(
  tx: SqlExecutor,
  storeId: string,
  c: EventCustomer,
  occurredAt: Date,
): Promise<number> {
  const p = new Placeholders();
  const text = `WITH ${customerUpsertCtes(p, storeId, c, occurredAt)} SELECT id FROM customer`;
  const { rows } = await tx.execute<{ id: string }>(textSql(text, p.values));
  return Number(rows[0]!.id);
}

/** Finds a customer by email (case-insensitive) or creates a minimal one keyed `email:<address>`. */
export async function customerByEmail(
  tx: SqlExecutor,
  storeId: string,
  email: string,
  occurredAt: Date,
): Promise<number> {
  const { rows } = await tx.execute<{ id: string }>(
    sql`SELECT id FROM customers WHERE store_id = ${storeId} AND lower(email) = lower(${email}) LIMIT 1`,
  );
  if (rows[0]) return Number(rows[0].id);
  return upsertCustomer(tx, storeId, { externalId: `email:${email.toLowerCase()}`, email }, occurredAt);
}
