import type { Condition, ConditionLeaf } from '@segflow/schema';
import { Engine, type NestedCondition, type TopLevelCondition } from 'json-rules-engine';
import type { CustomerFacts } from '../src/facts';

const DAY = 86_400_000;
const fold = (s: string) => s.toLowerCase();

/**
 * The same tree as a json-rules-engine rule, with the same semantics (missing matches nothing,
 * case-insensitive codes), so both engines answer the same question on the same data. Facts are
 * passed flat (one fact per field, no JSONPath), the most favourable setting for json-rules-engine.
 */
export function jreEngine(condition: Condition, now: Date): Engine {
  const engine = new Engine([], { allowUndefinedFacts: true });
  const present = (v: unknown) => v !== null && v !== undefined;
  engine.addOperator(
    'betweenInc',
    (v: number | null, [a, b]: [number, number]) => present(v) && v! >= a && v! <= b,
  );
  engine.addOperator('eqFold', (v: string | null, x: string) => present(v) && fold(v!) === fold(x));
  engine.addOperator(
    'inFold',
    (v: string | null, xs: string[]) => present(v) && xs.some((x) => fold(x) === fold(v!)),
  );
  engine.addOperator('containsAny', (v: string[], xs: string[]) => xs.some((x) => v.includes(x)));
  engine.addOperator('containsNone', (v: string[], xs: string[]) => !xs.some((x) => v.includes(x)));
  engine.addOperator(
    'withinLast',
    (v: Date | null, days: number) => present(v) && v!.getTime() >= now.getTime() - days * DAY,
  );
  engine.addOperator(
    'notWithinLast',
    (v: Date | null, days: number) => present(v) && v!.getTime() < now.getTime() - days * DAY,
  );
  engine.addOperator('isTrue', (v: unknown) => v === true);
  engine.addOperator('isSet', (v: unknown) => present(v) && v !== '');
  engine.addOperator(
    'boughtWithin',
    (v: { category: string | null; orderedAt: Date }[], [category, days]: [string, number]) =>
      v.some((p) => p.category === category && p.orderedAt.getTime() >= now.getTime() - days * DAY),
  );
  engine.addRule({ conditions: toTop(condition), event: { type: 'match' } });
  return engine;
}

function toTop(c: Condition): TopLevelCondition {
  const n = toNested(c);
  return 'all' in n || 'any' in n || 'not' in n ? (n as TopLevelCondition) : { all: [n] };
}

function toNested(c: Condition): NestedCondition {
  if ('all' in c) return { all: c.all.map(toNested) };
  if ('any' in c) return { any: c.any.map(toNested) };
  if ('not' in c) return { not: toNested(c.not) };
  return leaf(c);
}

function leaf(l: ConditionLeaf): NestedCondition {
  const fact = l.field
    .replace('customer.attributes.', 'attr_')
    .replace('customer.', '')
    .replace('purchase.category', 'purchases');
  const ops: Record<string, [string, unknown]> = {
    gt: ['greaterThan', l.value],
    gte: ['greaterThanInclusive', l.value],
    between: ['betweenInc', l.value],
    in: ['inFold', l.value],
    eq: [l.field === 'customer.attributes.income' ? 'equal' : 'eqFold', l.value],
    contains_any: ['containsAny', l.value],
    contains_none: ['containsNone', l.value],
    within_last: ['withinLast', l.value],
    not_within_last: ['notWithinLast', l.value],
    is_true: ['isTrue', true],
    is_set: ['isSet', true],
    has_purchased: ['boughtWithin', [l.value, l.withinDays]],
  };
  const [operator, value] = ops[l.op] ?? ['equal', l.value];
  return { fact, operator, value };
}

/** The flat facts json-rules-engine reads (computed fields such as age and domain precomputed for it). */
export function jreFacts(c: CustomerFacts, now: Date): Record<string, unknown> {
  const birth = c.birthDate;
  const age = birth
    ? now.getUTCFullYear() -
      Number(birth.slice(0, 4)) -
      ((now.getUTCMonth() + 1) * 100 + now.getUTCDate() <
      Number(birth.slice(5, 7)) * 100 + Number(birth.slice(8, 10))
        ? 1
        : 0)
    : null;
  return {
    ...c,
    age,
    emailDomain: c.email ? (c.email.split('@')[1] ?? null) : null,
    attr_income: (c.attributes.income as string | undefined) ?? null,
    purchases: c.purchases ?? [],
  };
}
