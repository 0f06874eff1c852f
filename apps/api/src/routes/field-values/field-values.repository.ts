import { ATTRIBUTE_PREFIX, type FieldValue, fieldCatalog } from '@segflow/schema';
import type pg from 'pg';
import { AppError } from '../../errors';

/**
 * Where a field's values live. `value` (and `label`) are SQL expressions over the `from` rows;
 * `count` counts customers: one row per customer and value on `customers` (count(*), hashed), distinct
 * customer ids on orders and items (the (store, category|brand, customer) indexes serve these
 * index-only). Every source filters `store_id = $1`, so a query reads one tenant's rows.
 */
interface Source {
  from: string;
  value: string;
  label?: string;
  count: string;
}

const customer = (value: string): Source => ({ from: 'customers c', value, count: 'count(*)' });
const items = (value: string, label?: string): Source => ({
  from: 'order_items c',
  value,
  label,
  count: 'count(DISTINCT c.customer_id)',
});
const orders = (value: string): Source => ({
  from: 'orders c',
  value,
  count: 'count(DISTINCT c.customer_id)',
});
// Tags / attribute keys: one row per customer and distinct element.
const unnested = (elements: string): Source => ({
  from: `customers c CROSS JOIN LATERAL (SELECT DISTINCT e FROM ${elements} AS e) AS v(x)`,
  value: 'v.x',
  count: 'count(*)',
});

/** Field id → its source; state, country and email domain fold case as the condition engine does. */
const sources: Record<string, Source> = {
  'customer.emailDomain': customer(`lower(split_part(c.email, '@', 2))`),
  'customer.gender': customer('c.gender'),
  'customer.country': customer('upper(c.country)'),
  'customer.state': customer('upper(c.state)'),
  'customer.city': customer('c.city'),
  'customer.zip': customer('c.zip'),
  'customer.company': customer('c.company'),
  'customer.group': customer('c.group_name'),
  'customer.tags': unnested('unnest(c.tags)'),
  'customer.attributes': unnested(
    `jsonb_object_keys(CASE WHEN jsonb_typeof(c.attributes) = 'object' THEN c.attributes ELSE '{}'::jsonb END)`,
  ),
  'purchase.sku': items('c.sku', 'max(c.name)'),
  'purchase.productId': items('c.product_id', 'max(c.name)'),
  'purchase.category': items('c.category'),
  'purchase.brand': items('c.brand'),
  'order.status': orders('c.status'),
  'order.channel': orders('c.channel'),
  'order.couponCode': orders('c.coupon_code'),
  'order.skus': items('c.sku', 'max(c.name)'),
  'order.productIds': items('c.product_id', 'max(c.name)'),
  'order.categories': items('c.category'),
  'order.brands': items('c.brand'),
};

/** The fields the catalog marks `valuesFromData`: exactly the keys of the source table. */
export const fieldsWithValues: readonly string[] = fieldCatalog
  .filter((f) => f.valuesFromData)
  .map((f) => f.id);

/** The source of a field, with the attribute key as a parameter for `customer.attributes.<key>`. */
function sourceFor(field: string): { source: Source; params: unknown[] } | undefined {
  if (field.startsWith(ATTRIBUTE_PREFIX)) {
    const key = field.slice(ATTRIBUTE_PREFIX.length);
    if (!/^[\w.-]{1,100}$/.test(key)) return undefined;
    return { source: customer('c.attributes ->> $4'), params: [key] };
  }
  const source = fieldsWithValues.includes(field) ? sources[field] : undefined;
  return source && { source, params: [] };
}

function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (m) => `\\${m}`);
}

/** Distinct field values per store, with customer counts. */
export function createFieldValuesRepository(pool: pg.Pool) {
  return {
    /**
     * The values of `field` present in the store's data containing `q` (case-insensitive), most
     * customers first, at most `limit`. An unknown field or one without values is a 400 naming it.
     */
    async list(storeId: string, input: { field: string; q?: string; limit: number }): Promise<FieldValue[]> {
      const found = sourceFor(input.field);
      if (!found) {
        throw new AppError(
          'validation_failed',
          `field: "${input.field}" has no value suggestions (fields: ${fieldsWithValues.join(', ')}, customer.attributes.<key>)`,
          { field: input.field },
        );
      }
      const { from, value, label, count } = found.source;
      const pattern = input.q ? `%${escapeLike(input.q)}%` : null;
      const { rows } = await pool.query<{ value: string; label: string | null; count: number }>(
        `SELECT ${value} AS value, ${label ?? 'NULL'} AS label, ${count}::int AS count
         FROM ${from}
         WHERE c.store_id = $1 AND ${value} <> '' AND ($2::text IS NULL OR ${value} ILIKE $2)
         GROUP BY 1 ORDER BY count DESC, value LIMIT $3`,
        [storeId, pattern, input.limit, ...found.params],
      );
      return rows.map(({ value, label, count }) => (label ? { value, label, count } : { value, count }));
    },
  };
}

/** The field-values repository's interface. */
export type FieldValuesRepository = ReturnType<typeof createFieldValuesRepository>;
