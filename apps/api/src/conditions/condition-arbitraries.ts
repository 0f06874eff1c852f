import type { CustomerFacts, PurchaseFact } from '@segflow/engine';
import { type Condition, type ConditionLeaf, checkCondition } from '@segflow/schema';
import fc from 'fast-check';

/** The fixed "now" of the property test: relative dates and ages are computed from it on both sides. */
export const NOW = new Date('2026-06-15T12:00:00.000Z');

/** Segment ids that exist in the test store (a third is referenced but has no members). */
export const SEGMENTS = [
  '11111111-1111-4111-8111-111111111111',
  '22222222-2222-4222-8222-222222222222',
  '33333333-3333-4333-8333-333333333333',
];

const DAY = 86_400_000;
const unicode = fc.string({ unit: 'grapheme', maxLength: 6 }).map((s) => s.replace(/\0/g, ''));
// Small vocabularies make leaves and customers meet; unicode and case variants test the edges.
const words = ['Ana', 'ana', 'ANA', 'Zoë', 'İstanbul', 'straße', '東京', '🙂', ' ', 'Austin', 'a%b_c'];
const text = fc.oneof(fc.constantFrom(...words), unicode);
const maybeText = fc.oneof(fc.constant(null), fc.constant(''), text);
const codes = fc.constantFrom('US', 'us', 'Us', 'TX', 'tx', 'CA', 'É', 'ß');
const emails = fc.oneof(
  fc.constantFrom(
    'ana@example.com',
    'Ana@Example.COM',
    'bob@GMAIL.com',
    'no-at-sign',
    'a@b@c.org',
    'x@',
    '@',
  ),
  fc.tuple(text, text).map(([a, b]) => `${a}@${b}`),
);
const tagWords = ['vip', 'VIP', 'texas', 'ünï', '', 'a,b', '"q"', '{x}'];
const skus = ['IPH-15', 'AIRPODS', 'MAC', 'ipH-15'];
const categories = ['Phones', 'Audio', 'phones', 'Ünï'];
const instant = (fromDays: number, toDays: number) =>
  fc
    .integer({ min: fromDays, max: toDays })
    .map((d) => new Date(NOW.getTime() + d * DAY + (d % 7) * 3_600_000));
const isoDate = fc.oneof(
  fc.constantFrom('2000-02-29', '1990-06-15', '1990-06-16', '2026-06-15', '2030-01-01'),
  fc
    .date({ min: new Date('1900-01-01'), max: new Date('2035-12-31'), noInvalidDate: true })
    .map((d) => d.toISOString().slice(0, 10)),
);

/** A customer as inserted: facts plus whether it has a stats row, its order lines and memberships. */
export interface TestCustomer {
  facts: Omit<CustomerFacts, 'id'>;
  hasStats: boolean;
}

const purchase: fc.Arbitrary<PurchaseFact> = fc.record({
  sku: fc.constantFrom(...skus),
  productId: fc.oneof(fc.constant(null), fc.constantFrom('p-1', 'p-2')),
  category: fc.oneof(fc.constant(null), fc.constantFrom(...categories)),
  brand: fc.oneof(fc.constant(null), fc.constantFrom('Apple', 'apple', 'Sony')),
  quantity: fc.integer({ min: 0, max: 4 }),
  unitPrice: fc.integer({ min: 0, max: 200_000 }),
  orderedAt: instant(-400, 0),
});

const attributeValue = fc.oneof(
  fc.constantFrom('75-100k', 'gold', '', '12', 'true'),
  fc.integer({ min: -1000, max: 1000 }),
  fc.boolean(),
  fc.constant(null),
  fc.constant({ nested: 1 }),
  fc.constant([1, 2]),
  unicode,
);

/** Random customers with nulls, empty strings, unicode, edge dates, empty tag sets and purchases. */
export const customerArb: fc.Arbitrary<TestCustomer> = fc
  .record({
    email: fc.oneof(fc.constant(null), fc.constant(''), emails),
    firstName: maybeText,
    lastName: maybeText,
    company: maybeText,
    phone: fc.constant(null),
    gender: fc.oneof(fc.constant(null), fc.constantFrom('female', 'male', 'Female')),
    birthDate: fc.oneof(fc.constant(null), isoDate),
    country: fc.oneof(fc.constant(null), fc.constant(''), codes),
    state: fc.oneof(fc.constant(null), fc.constant(''), codes),
    city: maybeText,
    zip: fc.oneof(fc.constant(null), fc.constantFrom('78701', '10001', '')),
    acceptsMarketing: fc.boolean(),
    group: fc.oneof(fc.constant(null), fc.constantFrom('VIP member', 'vip member', 'Gold')),
    tags: fc.uniqueArray(fc.constantFrom(...tagWords), { maxLength: 4 }),
    attributes: fc.dictionary(fc.constantFrom('income', 'tier', 'score'), attributeValue, { maxKeys: 3 }),
    createdAt: instant(-900, 1),
    hasStats: fc.boolean(),
    lifetimeSpend: fc.oneof(
      fc.constantFrom(0, 500000, 500001, 200000),
      fc.integer({ min: 0, max: 10_000_000 }),
    ),
    orderCount: fc.integer({ min: 0, max: 30 }),
    averageOrderValue: fc.integer({ min: 0, max: 500_000 }),
    firstOrderAt: fc.oneof(fc.constant(null), instant(-800, 0)),
    lastOrderAt: fc.oneof(fc.constant(null), instant(-60, 0)),
    purchases: fc.array(purchase, { maxLength: 4 }),
    segmentIds: fc.subarray(SEGMENTS.slice(0, 2)),
  })
  .map(({ hasStats, ...facts }) => ({
    hasStats,
    facts: hasStats
      ? facts
      : {
          ...facts,
          lifetimeSpend: 0,
          orderCount: 0,
          averageOrderValue: 0,
          firstOrderAt: null,
          lastOrderAt: null,
        },
  }));

const dateValue = fc.oneof(
  isoDate,
  instant(-400, 30).map((d) => d.toISOString()),
);
const textValue = (fold: boolean) =>
  fold ? fc.oneof(codes, emails, fc.constantFrom('example.com', 'EXAMPLE.COM', 'gmail.com')) : text;

function leafFor(field: string, kind: string, fold = false): fc.Arbitrary<ConditionLeaf> {
  const presence = fc.constantFrom('is_set', 'is_not_set').map((op) => ({ field, op }) as ConditionLeaf);
  const leaf = (op: string, value: fc.Arbitrary<unknown>) =>
    value.map((v) => ({ field, op, value: v }) as ConditionLeaf);
  switch (kind) {
    case 'number': {
      const n = fc.oneof(
        fc.constantFrom(0, 500000, 5, 36, -1, 2.5),
        fc.integer({ min: -10, max: 10_000_000 }),
      );
      const range = fc.tuple(n, n).map(([a, b]) => [Math.min(a, b), Math.max(a, b)]);
      return fc.oneof(
        ...['eq', 'neq', 'gt', 'gte', 'lt', 'lte'].map((op) => leaf(op, n)),
        leaf('between', range),
        presence,
      );
    }
    case 'string': {
      const v = textValue(fold);
      const ops = ['eq', 'neq', 'contains', 'not_contains', 'starts_with', 'ends_with'].map((op) =>
        leaf(op, v),
      );
      return fc.oneof(
        ...ops,
        leaf('in', fc.array(v, { minLength: 1, maxLength: 3 })),
        leaf('not_in', fc.array(v, { minLength: 1, maxLength: 3 })),
        presence,
      );
    }
    case 'date': {
      const range = fc
        .tuple(dateValue, dateValue)
        .map((p) =>
          p.sort(
            (a, b) =>
              Date.parse(a.length === 10 ? `${a}T00:00:00Z` : a) -
              Date.parse(b.length === 10 ? `${b}T00:00:00Z` : b),
          ),
        );
      const days = fc.integer({ min: 1, max: 500 });
      return fc.oneof(
        leaf('before', dateValue),
        leaf('after', dateValue),
        leaf('between', range),
        leaf('within_last', days),
        leaf('not_within_last', days),
        presence,
      );
    }
    case 'set': {
      const v = fc.uniqueArray(fc.constantFrom(...tagWords, 'none'), { minLength: 1, maxLength: 3 });
      return fc.oneof(leaf('contains_any', v), leaf('contains_all', v), leaf('contains_none', v), presence);
    }
    default:
      return fc.oneof(
        fc.constantFrom('is_true', 'is_false').map((op) => ({ field, op }) as ConditionLeaf),
        presence,
      );
  }
}

const purchaseLeaf = fc
  .record({
    field: fc.constantFrom('purchase.sku', 'purchase.productId', 'purchase.category', 'purchase.brand'),
    op: fc.constantFrom('has_purchased', 'has_not_purchased'),
    value: fc.oneof(
      fc.constantFrom(...skus, ...categories, 'p-1', 'Apple'),
      fc.uniqueArray(fc.constantFrom(...skus, 'p-2', 'Sony', 'Audio'), { minLength: 1, maxLength: 3 }),
    ),
    withinDays: fc.option(fc.integer({ min: 1, max: 400 }), { nil: undefined }),
    minCount: fc.option(fc.integer({ min: 1, max: 6 }), { nil: undefined }),
  })
  .map((l) => Object.fromEntries(Object.entries(l).filter(([, v]) => v !== undefined)) as ConditionLeaf);

const segmentLeaf = fc.record({
  field: fc.constant('segment'),
  op: fc.constantFrom('in_segment', 'not_in_segment'),
  value: fc.constantFrom(...SEGMENTS, 'not-a-uuid'),
}) as fc.Arbitrary<ConditionLeaf>;

/** Any leaf over customer fields (event fields have no SQL). */
export const leafArb: fc.Arbitrary<ConditionLeaf> = fc.oneof(
  ...(
    [
      ['customer.email', 'string', true],
      ['customer.emailDomain', 'string', true],
      ['customer.country', 'string', true],
      ['customer.state', 'string', true],
      ['customer.firstName', 'string'],
      ['customer.lastName', 'string'],
      ['customer.company', 'string'],
      ['customer.city', 'string'],
      ['customer.zip', 'string'],
      ['customer.gender', 'string'],
      ['customer.group', 'string'],
      ['customer.attributes.income', 'string'],
      ['customer.attributes.score', 'string'],
      ['customer.age', 'number'],
      ['customer.lifetimeSpend', 'number'],
      ['customer.orderCount', 'number'],
      ['customer.averageOrderValue', 'number'],
      ['customer.createdAt', 'date'],
      ['customer.firstOrderAt', 'date'],
      ['customer.lastOrderAt', 'date'],
      ['customer.tags', 'set'],
      ['customer.acceptsMarketing', 'boolean'],
    ] as const
  ).map(([field, kind, fold]) => leafFor(field, kind, fold)),
  purchaseLeaf,
  segmentLeaf,
);

/** Random trees up to depth 3 mixing all / any / not, filtered to valid ones. */
export const conditionArb: fc.Arbitrary<Condition> = fc
  .letrec<{ node: Condition }>((tie) => ({
    node: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      leafArb,
      fc.array(tie('node'), { maxLength: 4 }).map((all) => ({ all })),
      fc.array(tie('node'), { maxLength: 4 }).map((any) => ({ any })),
      tie('node').map((not) => ({ not })),
    ),
  }))
  .node.filter((c) => checkCondition(c, { eventFields: new Set() }).length === 0);
