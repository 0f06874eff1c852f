import type { Operator } from './condition';

/** Comparison types; each has a fixed operator list in {@link operatorsByType}. */
export const fieldTypes = ['number', 'string', 'date', 'set', 'boolean', 'purchase', 'segment'] as const;
/** One of {@link fieldTypes}. */
export type FieldType = (typeof fieldTypes)[number];

/** How the UI should read and write a value: money is integer cents, dates are ISO strings. */
export type ValueKind = 'integer' | 'money' | 'text' | 'date' | 'tags' | 'boolean' | 'product' | 'segment';

/** Segmentation families the catalog groups fields by (the builder's menu sections). */
export const fieldGroups = [
  'demographic',
  'geographic',
  'behavioural',
  'firmographic',
  'technographic',
  'custom',
  'event',
] as const;
/** One of {@link fieldGroups}. */
export type FieldGroup = (typeof fieldGroups)[number];

const presence = ['is_set', 'is_not_set'] as const satisfies readonly Operator[];

/** Operators valid for each field type (DESIGN §4); `is_set`/`is_not_set` apply where presence means something. */
export const operatorsByType = {
  number: ['eq', 'neq', 'gt', 'gte', 'lt', 'lte', 'between', ...presence],
  string: ['eq', 'neq', 'contains', 'not_contains', 'starts_with', 'ends_with', 'in', 'not_in', ...presence],
  date: ['before', 'after', 'between', 'within_last', 'not_within_last', ...presence],
  set: ['contains_any', 'contains_all', 'contains_none', ...presence],
  boolean: ['is_true', 'is_false', ...presence],
  purchase: ['has_purchased', 'has_not_purchased'],
  segment: ['in_segment', 'not_in_segment'],
} as const satisfies Record<FieldType, readonly Operator[]>;

/** A field a condition leaf can read. Event fields exist only under triggers that carry them. */
export interface FieldDefinition {
  id: string;
  label: string;
  group: FieldGroup;
  type: FieldType;
  valueKind: ValueKind;
  description: string;
  /** Where the value comes from: the customer's facts, or the triggering event. */
  source: 'customer' | 'event';
  /** Equality and text operators ignore ASCII case (email, domain, state, country). */
  caseInsensitive?: boolean;
  /** Suggested values for pickers; not a closed list. */
  suggestions?: readonly string[];
  /** `customer.attributes.<key>`: the id in the catalog is the prefix, any key may follow. */
  dynamic?: boolean;
}

type Def = Omit<FieldDefinition, 'source'> & { source?: 'customer' | 'event' };
const f = (d: Def): FieldDefinition => ({ source: 'customer', ...d });
const ev = (d: Omit<Def, 'group' | 'source'> & { group?: FieldGroup }): FieldDefinition => ({
  group: 'event',
  ...d,
  source: 'event',
});

/** Every field of DESIGN §4, in menu order. */
export const fieldCatalog: readonly FieldDefinition[] = [
  f({
    id: 'customer.email',
    label: 'Email',
    group: 'demographic',
    type: 'string',
    valueKind: 'text',
    caseInsensitive: true,
    description: 'Email address',
  }),
  f({
    id: 'customer.emailDomain',
    label: 'Email domain',
    group: 'demographic',
    type: 'string',
    valueKind: 'text',
    caseInsensitive: true,
    description: 'The part of the email after @',
  }),
  f({
    id: 'customer.firstName',
    label: 'First name',
    group: 'demographic',
    type: 'string',
    valueKind: 'text',
    description: 'First name',
  }),
  f({
    id: 'customer.lastName',
    label: 'Last name',
    group: 'demographic',
    type: 'string',
    valueKind: 'text',
    description: 'Last name',
  }),
  f({
    id: 'customer.gender',
    label: 'Gender',
    group: 'demographic',
    type: 'string',
    valueKind: 'text',
    suggestions: ['female', 'male', 'non-binary'],
    description: 'Gender as the store records it',
  }),
  f({
    id: 'customer.age',
    label: 'Age',
    group: 'demographic',
    type: 'number',
    valueKind: 'integer',
    description: 'Full years from birth date to now (UTC)',
  }),
  f({
    id: 'customer.acceptsMarketing',
    label: 'Accepts marketing',
    group: 'demographic',
    type: 'boolean',
    valueKind: 'boolean',
    description: 'Opted in to marketing',
  }),
  f({
    id: 'customer.country',
    label: 'Country',
    group: 'geographic',
    type: 'string',
    valueKind: 'text',
    caseInsensitive: true,
    description: 'ISO 3166-1 alpha-2 code, e.g. US',
  }),
  f({
    id: 'customer.state',
    label: 'State / region',
    group: 'geographic',
    type: 'string',
    valueKind: 'text',
    caseInsensitive: true,
    description: 'ISO 3166-2 subdivision code, e.g. TX',
  }),
  f({
    id: 'customer.city',
    label: 'City',
    group: 'geographic',
    type: 'string',
    valueKind: 'text',
    description: 'City',
  }),
  f({
    id: 'customer.zip',
    label: 'Postal code',
    group: 'geographic',
    type: 'string',
    valueKind: 'text',
    description: 'ZIP / postal code',
  }),
  f({
    id: 'customer.company',
    label: 'Company',
    group: 'firmographic',
    type: 'string',
    valueKind: 'text',
    description: 'Company name',
  }),
  f({
    id: 'customer.group',
    label: 'Customer group',
    group: 'behavioural',
    type: 'string',
    valueKind: 'text',
    description: 'The one group the customer belongs to',
  }),
  f({
    id: 'customer.tags',
    label: 'Tags',
    group: 'behavioural',
    type: 'set',
    valueKind: 'tags',
    description: 'Tags on the customer (exact, case-sensitive)',
  }),
  f({
    id: 'customer.createdAt',
    label: 'Signed up',
    group: 'behavioural',
    type: 'date',
    valueKind: 'date',
    description: 'When the customer was created',
  }),
  f({
    id: 'customer.lifetimeSpend',
    label: 'Lifetime spend',
    group: 'behavioural',
    type: 'number',
    valueKind: 'money',
    description: 'Sum of order totals, in cents',
  }),
  f({
    id: 'customer.orderCount',
    label: 'Order count',
    group: 'behavioural',
    type: 'number',
    valueKind: 'integer',
    description: 'Number of orders',
  }),
  f({
    id: 'customer.averageOrderValue',
    label: 'Average order value',
    group: 'behavioural',
    type: 'number',
    valueKind: 'money',
    description: 'Lifetime spend / order count, in cents (0 without orders)',
  }),
  f({
    id: 'customer.firstOrderAt',
    label: 'First order',
    group: 'behavioural',
    type: 'date',
    valueKind: 'date',
    description: 'When the first order was placed',
  }),
  f({
    id: 'customer.lastOrderAt',
    label: 'Last order',
    group: 'behavioural',
    type: 'date',
    valueKind: 'date',
    description: 'When the last order was placed',
  }),
  f({
    id: 'purchase.sku',
    label: 'Purchased SKU',
    group: 'behavioural',
    type: 'purchase',
    valueKind: 'product',
    description: 'Has bought an item with one of these SKUs',
  }),
  f({
    id: 'purchase.productId',
    label: 'Purchased product',
    group: 'behavioural',
    type: 'purchase',
    valueKind: 'product',
    description: 'Has bought one of these products',
  }),
  f({
    id: 'purchase.category',
    label: 'Purchased category',
    group: 'behavioural',
    type: 'purchase',
    valueKind: 'product',
    description: 'Has bought in one of these categories',
  }),
  f({
    id: 'purchase.brand',
    label: 'Purchased brand',
    group: 'behavioural',
    type: 'purchase',
    valueKind: 'product',
    description: 'Has bought one of these brands',
  }),
  f({
    id: 'segment',
    label: 'Segment',
    group: 'behavioural',
    type: 'segment',
    valueKind: 'segment',
    description: 'Membership of a saved segment',
  }),
  f({
    id: 'customer.attributes',
    label: 'Custom attribute',
    group: 'custom',
    type: 'string',
    valueKind: 'text',
    dynamic: true,
    description: 'customer.attributes.<key>: any custom field (income, survey answer …), compared as text',
  }),
  ev({
    id: 'order.total',
    label: 'Order total',
    type: 'number',
    valueKind: 'money',
    description: 'Total of the triggering order, in cents',
  }),
  ev({
    id: 'order.itemCount',
    label: 'Order item count',
    type: 'number',
    valueKind: 'integer',
    description: 'Sum of item quantities in the order',
  }),
  ev({
    id: 'order.status',
    label: 'Order status',
    type: 'string',
    valueKind: 'text',
    suggestions: ['pending', 'paid', 'fulfilled', 'cancelled', 'refunded'],
    description: 'Status of the order',
  }),
  ev({
    id: 'order.previousStatus',
    label: 'Previous order status',
    type: 'string',
    valueKind: 'text',
    description: 'Status before the change',
  }),
  ev({
    group: 'technographic',
    id: 'order.channel',
    label: 'Order channel',
    type: 'string',
    valueKind: 'text',
    suggestions: ['web', 'mobile', 'pos', 'marketplace'],
    description: 'Where the order was placed (technographic)',
  }),
  ev({
    id: 'order.couponCode',
    label: 'Order coupon',
    type: 'string',
    valueKind: 'text',
    description: 'Coupon code used on the order',
  }),
  ev({
    id: 'order.skus',
    label: 'Order SKUs',
    type: 'set',
    valueKind: 'tags',
    description: 'SKUs in the order',
  }),
  ev({
    id: 'order.productIds',
    label: 'Order products',
    type: 'set',
    valueKind: 'tags',
    description: 'Product ids in the order',
  }),
  ev({
    id: 'order.categories',
    label: 'Order categories',
    type: 'set',
    valueKind: 'tags',
    description: 'Categories in the order',
  }),
  ev({
    id: 'order.brands',
    label: 'Order brands',
    type: 'set',
    valueKind: 'tags',
    description: 'Brands in the order',
  }),
  ev({
    id: 'cart.total',
    label: 'Cart total',
    type: 'number',
    valueKind: 'money',
    description: 'Total of the cart, in cents',
  }),
  ev({
    id: 'cart.itemCount',
    label: 'Cart item count',
    type: 'number',
    valueKind: 'integer',
    description: 'Sum of item quantities in the cart',
  }),
];

const byId = new Map(fieldCatalog.map((field) => [field.id, field]));

/** The prefix of custom attribute fields; the key follows it. */
export const ATTRIBUTE_PREFIX = 'customer.attributes.';

/** Resolves a field id, including `customer.attributes.<key>`, to its definition. */
export function resolveField(id: string): FieldDefinition | undefined {
  if (id.startsWith(ATTRIBUTE_PREFIX)) {
    const key = id.slice(ATTRIBUTE_PREFIX.length);
    return /^[\w.-]{1,100}$/.test(key) ? byId.get('customer.attributes') : undefined;
  }
  const field = byId.get(id);
  return field?.dynamic ? undefined : field;
}
