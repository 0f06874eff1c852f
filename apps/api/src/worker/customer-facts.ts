import type { CustomerFacts } from '@segflow/engine';
import type pg from 'pg';
import { named } from '../db/named-statement';

/** A customer row joined with its stats, as `factsSelect` reads it. */
export interface FactsRow {
  id: string;
  email: string | null;
  first_name: string | null;
  last_name: string | null;
  company: string | null;
  phone: string | null;
  gender: string | null;
  birth_date: string | null;
  country: string | null;
  state: string | null;
  city: string | null;
  zip: string | null;
  accepts_marketing: boolean | null;
  group_name: string | null;
  tags: string[];
  attributes: Record<string, unknown>;
  created_at: Date | null;
  lifetime_spend: string | null;
  order_count: number | null;
  average_order_value: string | null;
  first_order_at: Date | null;
  last_order_at: Date | null;
}

/** The customer columns and stats conditions read, over `customers c` LEFT JOIN `customer_stats s`. */
export const factsSelect = `
SELECT c.id::text, c.email, c.first_name, c.last_name, c.company, c.phone, c.gender, c.birth_date::text,
       c.country, c.state, c.city, c.zip, c.accepts_marketing, c.group_name, c.tags, c.attributes, c.created_at,
       s.lifetime_spend, s.order_count, s.average_order_value, s.first_order_at, s.last_order_at
FROM customers c
LEFT JOIN customer_stats s ON s.store_id = c.store_id AND s.customer_id = c.id`;

const factsSql = `${factsSelect} WHERE c.store_id = $1 AND c.id = $2`;

const purchasesSql = `
SELECT sku, product_id, category, brand, quantity, unit_price::float8 AS unit_price, ordered_at
FROM order_items WHERE store_id = $1 AND customer_id = $2 ORDER BY ordered_at`;

/**
 * Loads what conditions read about a customer, as it is now (after the triggering event was
 * applied). Purchases and segment ids only when the plan needs them. Null when the customer is gone.
 * `row`: the customer's facts row when already read (the pipeline reads a batch's with its apply).
 */
export async function loadCustomerFacts(
  pool: pg.Pool,
  storeId: string,
  customerId: number | string,
  needs: { purchases: boolean; segments: boolean },
  row?: FactsRow,
): Promise<CustomerFacts | null> {
  const c = row ?? (await pool.query<FactsRow>(named(factsSql, [storeId, customerId]))).rows[0];
  if (!c) return null;
  const facts = toCustomerFacts(c);
  if (needs.purchases) {
    const purchases = await pool.query(named(purchasesSql, [storeId, customerId]));
    facts.purchases = purchases.rows.map((p) => ({
      sku: p.sku,
      productId: p.product_id,
      category: p.category,
      brand: p.brand,
      quantity: p.quantity,
      unitPrice: p.unit_price,
      orderedAt: p.ordered_at,
    }));
  }
  if (needs.segments) {
    const segments = await pool.query<{ segment_id: string }>(
      named('SELECT segment_id FROM segment_memberships WHERE store_id = $1 AND customer_id = $2', [
        storeId,
        customerId,
      ]),
    );
    facts.segmentIds = segments.rows.map((s) => s.segment_id);
  }
  return facts;
}

/** Maps a `factsSelect` row to the facts conditions read (a customer without orders has 0 / 0). */
export function toCustomerFacts(c: FactsRow): CustomerFacts {
  return {
    id: c.id,
    email: c.email,
    firstName: c.first_name,
    lastName: c.last_name,
    company: c.company,
    phone: c.phone,
    gender: c.gender,
    birthDate: c.birth_date,
    country: c.country,
    state: c.state,
    city: c.city,
    zip: c.zip,
    acceptsMarketing: c.accepts_marketing,
    group: c.group_name,
    tags: c.tags,
    attributes: c.attributes,
    createdAt: c.created_at,
    lifetimeSpend: Number(c.lifetime_spend ?? 0),
    orderCount: c.order_count ?? 0,
    averageOrderValue: Number(c.average_order_value ?? 0),
    firstOrderAt: c.first_order_at,
    lastOrderAt: c.last_order_at,
  };
}
