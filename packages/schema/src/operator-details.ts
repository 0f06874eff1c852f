import type { Operator } from './condition';

/** The value an operator takes, so a form knows what input to show (see `checkCondition` for the rules). */
export type OperatorValueShape = 'none' | 'one' | 'pair' | 'list' | 'days' | 'one-or-list';

/** Display label and value shape of every operator, for the condition builder. */
export const operatorDetails = {
  eq: { label: 'is', value: 'one' },
  neq: { label: 'is not', value: 'one' },
  gt: { label: 'is greater than', value: 'one' },
  gte: { label: 'is at least', value: 'one' },
  lt: { label: 'is less than', value: 'one' },
  lte: { label: 'is at most', value: 'one' },
  between: { label: 'is between', value: 'pair' },
  contains: { label: 'contains', value: 'one' },
  not_contains: { label: 'does not contain', value: 'one' },
  starts_with: { label: 'starts with', value: 'one' },
  ends_with: { label: 'ends with', value: 'one' },
  in: { label: 'is any of', value: 'list' },
  not_in: { label: 'is none of', value: 'list' },
  before: { label: 'is before', value: 'one' },
  after: { label: 'is after', value: 'one' },
  within_last: { label: 'is within the last (days)', value: 'days' },
  not_within_last: { label: 'is not within the last (days)', value: 'days' },
  contains_any: { label: 'has any of', value: 'list' },
  contains_all: { label: 'has all of', value: 'list' },
  contains_none: { label: 'has none of', value: 'list' },
  is_true: { label: 'is true', value: 'none' },
  is_false: { label: 'is false', value: 'none' },
  is_set: { label: 'is set', value: 'none' },
  is_not_set: { label: 'is not set', value: 'none' },
  has_purchased: { label: 'has purchased', value: 'one-or-list' },
  has_not_purchased: { label: 'has not purchased', value: 'one-or-list' },
  in_segment: { label: 'is in segment', value: 'one' },
  not_in_segment: { label: 'is not in segment', value: 'one' },
} as const satisfies Record<Operator, { label: string; value: OperatorValueShape }>;
