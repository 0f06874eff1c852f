import type { Condition, StoreEvent } from '@segflow/schema';
import { describe, expect, it } from 'vitest';
import type { CustomerFacts } from '../facts';
import { makeCustomerFacts } from '../testing';
import { compileCondition } from './to-predicate';

const now = new Date('2026-06-15T12:00:00Z');
const DAY = 86_400_000;
const ana = makeCustomerFacts({
  id: '42',
  email: 'Ana@Example.COM',
  firstName: 'Ana',
  birthDate: '1990-06-16',
  country: 'US',
  state: 'TX',
  acceptsMarketing: true,
  tags: ['vip', 'texas'],
  attributes: { income: '75-100k', score: 12, member: true, nested: { a: 1 } },
  createdAt: new Date(now.getTime() - 10 * DAY),
  lifetimeSpend: 529900,
  orderCount: 4,
  averageOrderValue: 132475,
  firstOrderAt: new Date('2025-01-03T09:00:00Z'),
  lastOrderAt: new Date(now.getTime() - DAY),
  purchases: [
    {
      sku: 'IPH-15',
      productId: 'p-1',
      category: 'Phones',
      brand: 'Apple',
      quantity: 1,
      unitPrice: 129900,
      orderedAt: new Date(now.getTime() - 5 * DAY),
    },
    {
      sku: 'CASE',
      productId: 'p-2',
      category: 'Accessories',
      brand: null,
      quantity: 2,
      unitPrice: 1900,
      orderedAt: new Date(now.getTime() - 100 * DAY),
    },
  ],
  segmentIds: ['seg-1'],
});
const nobody = makeCustomerFacts({ id: '7' });

const matches = (condition: Condition, facts: CustomerFacts = ana, event: StoreEvent | null = null) =>
  compileCondition(condition)(facts, { now, event });

describe('compileCondition', () => {
  it.each<[string, Condition, boolean]>([
    ['number gt', { field: 'customer.lifetimeSpend', op: 'gt', value: 500000 }, true],
    ['number between is inclusive', { field: 'customer.orderCount', op: 'between', value: [4, 4] }, true],
    ['age is full years (birthday tomorrow)', { field: 'customer.age', op: 'eq', value: 35 }, true],
    [
      'email equality ignores ASCII case',
      { field: 'customer.email', op: 'eq', value: 'ana@example.com' },
      true,
    ],
    [
      'email domain is the part after @',
      { field: 'customer.emailDomain', op: 'eq', value: 'EXAMPLE.com' },
      true,
    ],
    ['state in list, any case', { field: 'customer.state', op: 'in', value: ['ca', 'tx'] }, true],
    ['first name equality is exact', { field: 'customer.firstName', op: 'eq', value: 'ana' }, false],
    ['contains', { field: 'customer.firstName', op: 'contains', value: 'n' }, true],
    ['attribute text', { field: 'customer.attributes.income', op: 'eq', value: '75-100k' }, true],
    [
      'numeric attribute compared as text',
      { field: 'customer.attributes.score', op: 'eq', value: '12' },
      true,
    ],
    [
      'boolean attribute compared as text',
      { field: 'customer.attributes.member', op: 'eq', value: 'true' },
      true,
    ],
    ['object attribute is missing', { field: 'customer.attributes.nested', op: 'is_not_set' }, true],
    ['set contains_any', { field: 'customer.tags', op: 'contains_any', value: ['gold', 'vip'] }, true],
    ['set contains_all', { field: 'customer.tags', op: 'contains_all', value: ['vip', 'gold'] }, false],
    ['set contains_none', { field: 'customer.tags', op: 'contains_none', value: ['gold'] }, true],
    ['within_last is relative to now', { field: 'customer.createdAt', op: 'within_last', value: 10 }, true],
    ['not_within_last', { field: 'customer.createdAt', op: 'not_within_last', value: 9 }, true],
    [
      'before a date-only value (00:00 UTC)',
      { field: 'customer.firstOrderAt', op: 'before', value: '2025-01-04' },
      true,
    ],
    ['boolean is_true', { field: 'customer.acceptsMarketing', op: 'is_true' }, true],
    ['has purchased a SKU', { field: 'purchase.sku', op: 'has_purchased', value: 'IPH-15' }, true],
    [
      'has purchased within days',
      { field: 'purchase.category', op: 'has_purchased', value: 'Accessories', withinDays: 30 },
      false,
    ],
    [
      'minCount sums quantities',
      { field: 'purchase.productId', op: 'has_purchased', value: ['p-1', 'p-2'], minCount: 3 },
      true,
    ],
    [
      'minCount not reached',
      { field: 'purchase.productId', op: 'has_purchased', value: ['p-2'], minCount: 3 },
      false,
    ],
    ['has_not_purchased', { field: 'purchase.brand', op: 'has_not_purchased', value: 'Apple' }, false],
    ['in segment', { field: 'segment', op: 'in_segment', value: 'seg-1' }, true],
    ['not in segment', { field: 'segment', op: 'not_in_segment', value: 'seg-2' }, true],
    ['empty all is true', { all: [] }, true],
    ['empty any is false', { any: [] }, false],
    ['not inverts', { not: { field: 'customer.orderCount', op: 'lt', value: 4 } }, true],
    [
      'nested any / all / not',
      {
        any: [
          { all: [{ field: 'customer.country', op: 'eq', value: 'CA' }] },
          {
            all: [
              { field: 'customer.state', op: 'eq', value: 'tx' },
              { not: { field: 'customer.tags', op: 'contains_any', value: ['banned'] } },
            ],
          },
        ],
      },
      true,
    ],
  ])('%s', (_, condition, expected) => {
    expect(matches(condition)).toBe(expected);
  });

  it('a missing value matches no comparison, not even neq or not_contains, but is_not_set', () => {
    const onMissing: Condition[] = [
      { field: 'customer.email', op: 'neq', value: 'x' },
      { field: 'customer.firstName', op: 'not_contains', value: 'x' },
      { field: 'customer.state', op: 'not_in', value: ['TX'] },
      { field: 'customer.age', op: 'lt', value: 200 },
      { field: 'customer.lastOrderAt', op: 'not_within_last', value: 1 },
      { field: 'customer.acceptsMarketing', op: 'is_false' },
      { field: 'customer.attributes.income', op: 'neq', value: 'x' },
    ];
    for (const condition of onMissing)
      expect(matches(condition, nobody), JSON.stringify(condition)).toBe(false);
    expect(matches({ field: 'customer.email', op: 'is_not_set' }, nobody)).toBe(true);
    expect(matches({ not: { field: 'customer.email', op: 'eq', value: 'x' } }, nobody)).toBe(true);
  });

  it('treats empty text as missing and an empty tag set as not set', () => {
    const blank = makeCustomerFacts({ firstName: '', tags: [] });
    expect(matches({ field: 'customer.firstName', op: 'is_set' }, blank)).toBe(false);
    expect(matches({ field: 'customer.tags', op: 'is_not_set' }, blank)).toBe(true);
    expect(matches({ field: 'customer.tags', op: 'contains_none', value: ['vip'] }, blank)).toBe(true);
  });

  it('counts a customer without orders as 0 spend and no order dates', () => {
    expect(matches({ field: 'customer.lifetimeSpend', op: 'eq', value: 0 }, nobody)).toBe(true);
    expect(matches({ field: 'customer.firstOrderAt', op: 'is_not_set' }, nobody)).toBe(true);
    expect(matches({ field: 'purchase.sku', op: 'has_not_purchased', value: 'X' }, nobody)).toBe(true);
  });

  it('reads event fields from the triggering event and finds them missing without one', () => {
    const event = {
      id: 'e1',
      type: 'order.created',
      occurredAt: '2026-06-15T12:00:00Z',
      customer: { externalId: 'c-42' },
      order: {
        externalId: 'o-1',
        total: 64900,
        currency: 'USD',
        status: 'paid',
        channel: 'web',
        createdAt: '2026-06-15T12:00:00Z',
        items: [{ sku: 'IPH-15', brand: 'Apple', quantity: 2, unitPrice: 1 }],
      },
    } satisfies StoreEvent;
    expect(matches({ field: 'order.total', op: 'gt', value: 50000 }, ana, event)).toBe(true);
    expect(matches({ field: 'order.itemCount', op: 'eq', value: 2 }, ana, event)).toBe(true);
    expect(matches({ field: 'order.brands', op: 'contains_all', value: ['Apple'] }, ana, event)).toBe(true);
    expect(matches({ field: 'order.total', op: 'is_not_set' }, ana, null)).toBe(true);
    expect(matches({ field: 'cart.total', op: 'gte', value: 0 }, ana, event)).toBe(false);
  });

  it('throws on a tree that did not pass validation (a bug, not an input error)', () => {
    expect(() => compileCondition({ field: 'customer.shoeSize', op: 'eq', value: 1 })).toThrow(
      /unknown field/,
    );
  });
});
