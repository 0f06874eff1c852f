import type { Operator } from './condition';
import { customerFields } from './fields/customer-fields';
import { eventFields } from './fields/event-fields';

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
  /**
   * Text with few distinct values (states, tags, categories …): pickers offer the values present in
   * the store's data, with customer counts (`GET /api/stores/:storeId/field-values?field=`).
   */
  valuesFromData?: boolean;
  /** `customer.attributes.<key>`: the id in the catalog is the prefix, any key may follow. */
  dynamic?: boolean;
}

/** Every field of DESIGN §4, in menu order: customer fields, then event fields. */
export const fieldCatalog: readonly FieldDefinition[] = [...customerFields, ...eventFields];

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
