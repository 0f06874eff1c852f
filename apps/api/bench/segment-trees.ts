import type { Condition } from '@segflow/schema';

const spend = (op: string, dollars: number) => ({
  field: 'customer.lifetimeSpend',
  op,
  value: dollars * 100,
});
const state = (value: string) => ({ field: 'customer.state', op: 'eq', value });
const bought = (field: string, value: string | string[], withinDays?: number) => ({
  field: `purchase.${field}`,
  op: 'has_purchased',
  value,
  ...(withinDays ? { withinDays } : {}),
});

/**
 * 30 realistic segment trees over the seed generator's vocabulary: single indexed fields, AND/OR
 * mixes, purchases (within N days), tags, custom attributes and relative dates.
 */
export const benchTrees = [
  spend('gt', 5_000),
  state('TX'),
  { field: 'customer.country', op: 'in', value: ['US', 'CA'] },
  { field: 'customer.tags', op: 'contains_any', value: ['newsletter'] },
  { field: 'customer.tags', op: 'contains_all', value: ['newsletter', 'gift-buyer'] },
  { field: 'customer.lastOrderAt', op: 'within_last', value: 30 },
  { field: 'customer.lastOrderAt', op: 'not_within_last', value: 180 },
  { field: 'customer.orderCount', op: 'gte', value: 5 },
  bought('sku', 'IPH-15', 90),
  bought('category', 'Audio'),
  { field: 'purchase.brand', op: 'has_not_purchased', value: 'Apple' },
  { all: [spend('gt', 2_000), state('TX')] },
  { any: [state('CA'), state('NY')] },
  {
    all: [
      { field: 'customer.gender', op: 'eq', value: 'female' },
      { field: 'customer.age', op: 'between', value: [25, 34] },
    ],
  },
  {
    all: [
      { field: 'customer.acceptsMarketing', op: 'is_true' },
      { field: 'customer.lastOrderAt', op: 'within_last', value: 60 },
      spend('gt', 1_000),
    ],
  },
  {
    any: [
      { field: 'customer.tags', op: 'contains_any', value: ['early-adopter'] },
      { field: 'customer.orderCount', op: 'gte', value: 8 },
    ],
  },
  { not: { field: 'customer.state', op: 'in', value: ['TX', 'CA'] } },
  { field: 'customer.attributes.income', op: 'in', value: ['100-150k', '>150k'] },
  {
    all: [
      { field: 'customer.attributes.interest', op: 'eq', value: 'fitness' },
      bought('category', 'Wearables'),
    ],
  },
  {
    all: [
      { field: 'customer.country', op: 'eq', value: 'US' },
      { any: [spend('gt', 10_000), { field: 'customer.orderCount', op: 'gt', value: 10 }] },
    ],
  },
  { field: 'customer.emailDomain', op: 'ends_with', value: '.net' },
  { field: 'customer.createdAt', op: 'within_last', value: 90 },
  { field: 'customer.firstOrderAt', op: 'within_last', value: 120 },
  { all: [{ field: 'customer.group', op: 'eq', value: 'Wholesale' }, spend('gt', 500)] },
  { field: 'customer.company', op: 'is_set' },
  {
    all: [
      bought('sku', ['IPH-15', 'IPH-15-PRO']),
      { field: 'purchase.sku', op: 'has_not_purchased', value: 'APP-PRO2' },
    ],
  },
  { field: 'customer.averageOrderValue', op: 'gt', value: 50_000 },
  {
    any: [
      { all: [state('TX'), spend('gt', 3_000)] },
      { all: [state('CA'), spend('gt', 3_000)] },
      { all: [state('NY'), spend('gt', 3_000)] },
    ],
  },
  {
    all: [
      { field: 'customer.orderCount', op: 'eq', value: 0 },
      { field: 'customer.createdAt', op: 'not_within_last', value: 30 },
    ],
  },
  {
    all: [
      { field: 'customer.age', op: 'gte', value: 50 },
      { field: 'customer.tags', op: 'contains_none', value: ['returns'] },
      { field: 'customer.lastOrderAt', op: 'within_last', value: 365 },
    ],
  },
] as Condition[];
