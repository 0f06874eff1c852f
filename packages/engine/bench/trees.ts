import type { Condition, ConditionLeaf } from '@segflow/schema';
import type { CustomerFacts } from '../src/facts';
import { makeCustomerFacts } from '../src/testing';

/** Deterministic PRNG (mulberry32), so every bench run sees the same trees and customers. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The bench's "now": relative dates are computed from it on both engines. */
export const NOW = new Date('2026-06-15T12:00:00Z');
const DAY = 86_400_000;
const states = ['TX', 'CA', 'NY', 'FL', 'WA', 'IL'];
const tags = ['vip', 'newsletter', 'wholesale', 'churn-risk', 'texas', 'returning'];
const categories = ['Phones', 'Audio', 'Laptops', 'Accessories'];

/** Leaf templates a marketer actually builds: spend tiers, geography, tags, recency, purchases. */
const leafTemplates: ((r: () => number) => ConditionLeaf)[] = [
  (r) => ({ field: 'customer.lifetimeSpend', op: 'gt', value: Math.floor(r() * 800_000) }),
  (r) => ({ field: 'customer.orderCount', op: 'gte', value: 1 + Math.floor(r() * 10) }),
  (r) => ({
    field: 'customer.averageOrderValue',
    op: 'between',
    value: [5_000, 5_000 + Math.floor(r() * 50_000)],
  }),
  (r) => ({ field: 'customer.state', op: 'in', value: [pick(r, states), pick(r, states)] }),
  () => ({ field: 'customer.country', op: 'eq', value: 'us' }),
  () => ({ field: 'customer.emailDomain', op: 'eq', value: 'gmail.com' }),
  (r) => ({ field: 'customer.tags', op: 'contains_any', value: [pick(r, tags), pick(r, tags)] }),
  (r) => ({ field: 'customer.tags', op: 'contains_none', value: [pick(r, tags)] }),
  (r) => ({ field: 'customer.lastOrderAt', op: 'within_last', value: 7 + Math.floor(r() * 90) }),
  () => ({ field: 'customer.createdAt', op: 'not_within_last', value: 365 }),
  () => ({ field: 'customer.acceptsMarketing', op: 'is_true' }),
  (r) => ({
    field: 'customer.age',
    op: 'between',
    value: [18 + Math.floor(r() * 20), 40 + Math.floor(r() * 30)],
  }),
  () => ({ field: 'customer.attributes.income', op: 'eq', value: '75-100k' }),
  () => ({ field: 'customer.company', op: 'is_set' }),
  (r) => ({ field: 'purchase.category', op: 'has_purchased', value: pick(r, categories), withinDays: 90 }),
];

function pick<T>(r: () => number, items: readonly T[]): T {
  return items[Math.floor(r() * items.length)]!;
}

/** A realistic tree of exactly `leaves` leaves: any/all groups of 2–5 leaves, some negated. */
export function makeTree(r: () => number, leaves: number): Condition {
  const groups: Condition[] = [];
  let left = leaves;
  while (left > 0) {
    const size = Math.min(left, 2 + Math.floor(r() * 4));
    left -= size;
    const items: Condition[] = Array.from({ length: size }, () => pick(r, leafTemplates)(r));
    const group: Condition = r() < 0.5 ? { all: items } : { any: items };
    groups.push(r() < 0.25 ? { not: group } : group);
  }
  return r() < 0.6 ? { all: groups } : { any: groups };
}

/** Customers with the spread of a real store: some without orders, missing fields, tags, purchases. */
export function makeCustomers(r: () => number, count: number): CustomerFacts[] {
  return Array.from({ length: count }, (_, i) => {
    const orders = r() < 0.2 ? 0 : 1 + Math.floor(r() * 12);
    const spend = orders * Math.floor(2_000 + r() * 60_000);
    return makeCustomerFacts({
      id: String(i + 1),
      email: r() < 0.1 ? null : `user${i}@${pick(r, ['gmail.com', 'Example.com', 'yahoo.com'])}`,
      company: r() < 0.3 ? 'Acme' : null,
      birthDate:
        r() < 0.3
          ? null
          : `19${50 + Math.floor(r() * 50)}-0${1 + Math.floor(r() * 9)}-1${Math.floor(r() * 9)}`,
      country: r() < 0.8 ? 'US' : 'CA',
      state: r() < 0.1 ? null : pick(r, states),
      acceptsMarketing: r() < 0.6,
      tags: tags.filter(() => r() < 0.25),
      attributes: r() < 0.4 ? { income: pick(r, ['50-75k', '75-100k']) } : {},
      createdAt: new Date(NOW.getTime() - Math.floor(r() * 900) * DAY),
      lifetimeSpend: spend,
      orderCount: orders,
      averageOrderValue: orders ? Math.round(spend / orders) : 0,
      firstOrderAt: orders ? new Date(NOW.getTime() - Math.floor(400 + r() * 300) * DAY) : null,
      lastOrderAt: orders ? new Date(NOW.getTime() - Math.floor(r() * 200) * DAY) : null,
      purchases: Array.from({ length: Math.min(orders, 4) }, () => ({
        sku: 'SKU',
        productId: 'p',
        category: pick(r, categories),
        brand: null,
        quantity: 1,
        unitPrice: 1000,
        orderedAt: new Date(NOW.getTime() - Math.floor(r() * 200) * DAY),
      })),
    });
  });
}

/** Number of leaves in a tree. */
export function leafCount(c: Condition): number {
  if ('all' in c) return c.all.reduce((n, x) => n + leafCount(x), 0);
  if ('any' in c) return c.any.reduce((n, x) => n + leafCount(x), 0);
  if ('not' in c) return leafCount(c.not);
  return 1;
}
