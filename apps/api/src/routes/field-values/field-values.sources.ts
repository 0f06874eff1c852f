import { ATTRIBUTE_PREFIX, fieldCatalog } from '@segflow/schema';

/**
 * Where a field's values live. `value` (and `label`) are SQL expressions over the `from` rows (alias
 * `c`); `count` counts customers: one row per customer and value on `customers` (count(*)), distinct
 * customer ids on orders and items. Every query filters `c.store_id = $1`, so it reads one tenant's
 * rows. `customer` is the customer id column, by which large stores are sampled; `product` keys the
 * `products` row naming a value; `column` is indexed as (store_id, column, customer_id), so a search
 * can count its few matching values exactly.
 */
export interface Source {
  table: 'customers' | 'orders' | 'order_items';
  from: string;
  value: string;
  label?: string;
  count: string;
  customer: string;
  product?: 'sku' | 'external_id';
  column?: string;
}

const customer = (value: string): Source => ({
  table: 'customers',
  from: 'customers c',
  value,
  count: 'count(*)',
  customer: 'c.id',
});
const items = (column: string, product?: Source['product']): Source => ({
  table: 'order_items',
  from: 'order_items c',
  value: `c.${column}`,
  label: product && 'max(c.name)',
  count: 'count(DISTINCT c.customer_id)',
  customer: 'c.customer_id',
  product,
  column,
});
const orders = (value: string): Source => ({
  table: 'orders',
  from: 'orders c',
  value,
  count: 'count(DISTINCT c.customer_id)',
  customer: 'c.customer_id',
});
// Tags / attribute keys: one row per customer and distinct element.
const unnested = (elements: string): Source => ({
  ...customer('v.x'),
  from: `customers c CROSS JOIN LATERAL (SELECT DISTINCT e FROM ${elements} AS e) AS v(x)`,
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
  'purchase.sku': items('sku', 'sku'),
  'purchase.productId': items('product_id', 'external_id'),
  'purchase.category': items('category'),
  'purchase.brand': items('brand'),
  'order.status': orders('c.status'),
  'order.channel': orders('c.channel'),
  'order.couponCode': orders('c.coupon_code'),
  'order.skus': items('sku', 'sku'),
  'order.productIds': items('product_id', 'external_id'),
  'order.categories': items('category'),
  'order.brands': items('brand'),
};

/** The fields the catalog marks `valuesFromData`: exactly the keys of the source table. */
export const fieldsWithValues: readonly string[] = fieldCatalog
  .filter((f) => f.valuesFromData)
  .map((f) => f.id);

/**
 * The source of a field, undefined for a field without data values. `customer.attributes.<key>`
 * inlines its key as a literal: the pattern admits no quote, and every query keeps the same parameters.
 */
export function sourceFor(field: string): Source | undefined {
  if (field.startsWith(ATTRIBUTE_PREFIX)) {
    const key = field.slice(ATTRIBUTE_PREFIX.length);
    return /^[\w.-]{1,100}$/.test(key) ? customer(`c.attributes ->> '${key}'`) : undefined;
  }
  return fieldsWithValues.includes(field) ? sources[field] : undefined;
}
