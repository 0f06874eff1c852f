import { type CustomerFacts, compileCondition } from '@segflow/engine';
import type { Condition, ConditionLeaf } from '@segflow/schema';

/** One node of an explained tree: its verdict; leaves add the customer's actual value. */
export type ExplainedNode =
  | { all: ExplainedNode[]; pass: boolean }
  | { any: ExplainedNode[]; pass: boolean }
  | { not: ExplainedNode; pass: boolean }
  | (ConditionLeaf & { pass: boolean; actual: unknown });

const DAY_MS = 86_400_000;

const customerKeys: Record<string, keyof CustomerFacts> = {
  'customer.email': 'email',
  'customer.firstName': 'firstName',
  'customer.lastName': 'lastName',
  'customer.company': 'company',
  'customer.gender': 'gender',
  'customer.country': 'country',
  'customer.state': 'state',
  'customer.city': 'city',
  'customer.zip': 'zip',
  'customer.group': 'group',
  'customer.tags': 'tags',
  'customer.acceptsMarketing': 'acceptsMarketing',
  'customer.createdAt': 'createdAt',
  'customer.lifetimeSpend': 'lifetimeSpend',
  'customer.orderCount': 'orderCount',
  'customer.averageOrderValue': 'averageOrderValue',
  'customer.firstOrderAt': 'firstOrderAt',
  'customer.lastOrderAt': 'lastOrderAt',
};

const purchaseKeys = { sku: 'sku', productId: 'productId', category: 'category', brand: 'brand' } as const;

function ageOf(birthDate: string | null, now: Date): number | null {
  if (!birthDate) return null;
  const [y, m, d] = birthDate.split('-').map(Number) as [number, number, number];
  const before = now.getUTCMonth() + 1 < m || (now.getUTCMonth() + 1 === m && now.getUTCDate() < d);
  return now.getUTCFullYear() - y - (before ? 1 : 0);
}

/**
 * What the customer actually has for a leaf's field, for display: the profile value, the
 * distinct purchased values (within `withinDays` when set) with their quantity, or whether the
 * customer is in the segment. The verdict itself always comes from the engine's predicate.
 */
export function actualValue(leaf: ConditionLeaf, facts: CustomerFacts, now: Date): unknown {
  const key = customerKeys[leaf.field];
  if (key) return facts[key] ?? null;
  if (leaf.field === 'customer.emailDomain') return facts.email?.split('@').at(-1) ?? null;
  if (leaf.field === 'customer.age') return ageOf(facts.birthDate, now);
  if (leaf.field.startsWith('customer.attributes.')) {
    return facts.attributes[leaf.field.slice('customer.attributes.'.length)] ?? null;
  }
  if (leaf.field === 'segment') return (facts.segmentIds ?? []).includes(String(leaf.value));
  const column = purchaseKeys[leaf.field.slice('purchase.'.length) as keyof typeof purchaseKeys];
  if (column) {
    const since = leaf.withinDays === undefined ? -Infinity : now.getTime() - leaf.withinDays * DAY_MS;
    const lines = (facts.purchases ?? []).filter((p) => p.orderedAt.getTime() >= since);
    const quantities = new Map<string, number>();
    for (const p of lines) {
      const value = p[column];
      if (value !== null) quantities.set(value, (quantities.get(value) ?? 0) + p.quantity);
    }
    return [...quantities].map(([value, quantity]) => ({ value, quantity }));
  }
  return null;
}

/**
 * Explains a tree for one customer: every leaf evaluated with the engine's own predicate (so the
 * verdicts are the ones membership uses), combined by `all` / `any` / `not` exactly as the tree is.
 */
export function explainCondition(condition: Condition, facts: CustomerFacts, now: Date): ExplainedNode {
  if ('all' in condition) {
    const all = condition.all.map((c) => explainCondition(c, facts, now));
    return { all, pass: all.every((c) => c.pass) };
  }
  if ('any' in condition) {
    const any = condition.any.map((c) => explainCondition(c, facts, now));
    return { any, pass: any.some((c) => c.pass) };
  }
  if ('not' in condition) {
    const not = explainCondition(condition.not, facts, now);
    return { not, pass: !not.pass };
  }
  const pass = compileCondition(condition)(facts, { now, event: null });
  return { ...condition, pass, actual: actualValue(condition, facts, now) };
}
