import type { FieldInfo } from '../../catalog/catalog-model';

/** How an operator takes its value: none, one, two (a range), a list, or a number of days. */
export type ValueShape = 'none' | 'single' | 'range' | 'list' | 'days';

interface OperatorMeta {
  label: string;
  symbol: string;
  shape: ValueShape;
}

const META: Record<string, OperatorMeta> = {
  eq: { label: 'equals', symbol: '=', shape: 'single' },
  neq: { label: 'does not equal', symbol: '≠', shape: 'single' },
  gt: { label: 'is greater than', symbol: '>', shape: 'single' },
  gte: { label: 'is at least', symbol: '≥', shape: 'single' },
  lt: { label: 'is less than', symbol: '<', shape: 'single' },
  lte: { label: 'is at most', symbol: '≤', shape: 'single' },
  between: { label: 'is between', symbol: 'between', shape: 'range' },
  contains: { label: 'contains', symbol: 'contains', shape: 'single' },
  not_contains: { label: 'does not contain', symbol: 'does not contain', shape: 'single' },
  starts_with: { label: 'starts with', symbol: 'starts with', shape: 'single' },
  ends_with: { label: 'ends with', symbol: 'ends with', shape: 'single' },
  in: { label: 'is one of', symbol: 'is one of', shape: 'list' },
  not_in: { label: 'is none of', symbol: 'is none of', shape: 'list' },
  before: { label: 'is before', symbol: 'before', shape: 'single' },
  after: { label: 'is after', symbol: 'after', shape: 'single' },
  within_last: { label: 'is within the last', symbol: 'within the last', shape: 'days' },
  not_within_last: { label: 'is not within the last', symbol: 'not within the last', shape: 'days' },
  contains_any: { label: 'contains any of', symbol: 'has any of', shape: 'list' },
  contains_all: { label: 'contains all of', symbol: 'has all of', shape: 'list' },
  contains_none: { label: 'contains none of', symbol: 'has none of', shape: 'list' },
  is_true: { label: 'is true', symbol: 'is true', shape: 'none' },
  is_false: { label: 'is false', symbol: 'is false', shape: 'none' },
  is_set: { label: 'is set', symbol: 'is set', shape: 'none' },
  is_not_set: { label: 'is not set', symbol: 'is not set', shape: 'none' },
  has_purchased: { label: 'has purchased', symbol: 'bought', shape: 'single' },
  has_not_purchased: { label: 'has not purchased', symbol: 'never bought', shape: 'single' },
  in_segment: { label: 'is in segment', symbol: 'in segment', shape: 'single' },
  not_in_segment: { label: 'is not in segment', symbol: 'not in segment', shape: 'single' },
};

/** Human label for an operator in the picker ("is greater than"). */
export function operatorLabel(op: string): string {
  return META[op]?.label ?? op.replace(/_/g, ' ');
}

/** Compact form for summaries ("Lifetime spend > $5,000"). */
export function operatorSymbol(op: string): string {
  return META[op]?.symbol ?? op.replace(/_/g, ' ');
}

/** The shape of value an operator takes. */
export function valueShape(op: string): ValueShape {
  return META[op]?.shape ?? 'single';
}

/** Operators the builder offers for a field: exactly the catalog's list for it. */
export function operatorsForField(field: FieldInfo | undefined): string[] {
  return field ? field.operators : [];
}

/**
 * The value to keep when the operator changes: the old value when its shape still fits, else a
 * fresh default (a range of two, an empty list, none).
 */
export function coerceValue(value: unknown, op: string): unknown {
  const shape = valueShape(op);
  if (shape === 'none') return undefined;
  if (shape === 'range') return Array.isArray(value) && value.length === 2 ? value : [scalar(value), null];
  if (shape === 'list')
    return Array.isArray(value)
      ? value
      : value === undefined || value === null || value === ''
        ? []
        : [value];
  if (shape === 'days') return typeof value === 'number' ? value : 30;
  return Array.isArray(value) ? (value[0] ?? null) : (value ?? null);
}

function scalar(value: unknown): unknown {
  if (Array.isArray(value)) return value[0] ?? null;
  return value ?? null;
}
