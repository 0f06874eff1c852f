import { type Condition, type ConditionLeaf, type FieldDefinition, resolveField } from '@segflow/schema';
import type { CustomerFacts, EvalContext } from '../facts';
import { fieldAccess } from './resolve';
import { foldAscii } from './text';
import { DAY_MS, leafInstant, purchaseColumn, purchaseValues } from './leaf-values';

/** A compiled condition: pure, allocation-light, safe to call millions of times. */
export type Predicate = (facts: CustomerFacts, ctx: EvalContext) => boolean;

const TRUE: Predicate = () => true;
const FALSE: Predicate = () => false;

/**
 * Compiles a condition tree into nested closures, once (per workflow version or segment). Two-valued:
 * a missing value matches no comparison except `is_not_set`; `not` inverts. The tree must have passed
 * `checkCondition`; an unknown field or a malformed value here is a bug and throws.
 */
export function compileCondition(condition: Condition): Predicate {
  if ('all' in condition) return allOf(condition.all.map(compileCondition));
  if ('any' in condition) return anyOf(condition.any.map(compileCondition));
  if ('not' in condition) {
    const inner = compileCondition(condition.not);
    return (f, c) => !inner(f, c);
  }
  return compileLeaf(condition);
}

function allOf(parts: Predicate[]): Predicate {
  if (parts.length === 0) return TRUE;
  if (parts.length === 1) return parts[0]!;
  if (parts.length === 2) {
    const [a, b] = parts as [Predicate, Predicate];
    return (f, c) => a(f, c) && b(f, c);
  }
  return (f, c) => {
    for (let i = 0; i < parts.length; i++) if (!parts[i]!(f, c)) return false;
    return true;
  };
}

function anyOf(parts: Predicate[]): Predicate {
  if (parts.length === 0) return FALSE;
  if (parts.length === 1) return parts[0]!;
  if (parts.length === 2) {
    const [a, b] = parts as [Predicate, Predicate];
    return (f, c) => a(f, c) || b(f, c);
  }
  return (f, c) => {
    for (let i = 0; i < parts.length; i++) if (parts[i]!(f, c)) return true;
    return false;
  };
}

function compileLeaf(leaf: ConditionLeaf): Predicate {
  const field = resolveField(leaf.field);
  if (!field) throw new Error(`compileCondition: unknown field "${leaf.field}"`);
  if (field.type === 'purchase') return purchaseLeaf(leaf);
  if (field.type === 'segment') {
    const id = String(leaf.value);
    const isIn: Predicate = (f) => f.segmentIds?.includes(id) ?? false;
    return leaf.op === 'in_segment' ? isIn : (f, c) => !isIn(f, c);
  }
  const read = fieldAccess(leaf.field).js;
  if (leaf.op === 'is_set') return (f, c) => isPresent(read(f, c));
  if (leaf.op === 'is_not_set') return (f, c) => !isPresent(read(f, c));
  switch (field.type) {
    case 'number':
      return numberLeaf(leaf, read as (f: CustomerFacts, c: EvalContext) => number | null);
    case 'string':
      return stringLeaf(leaf, field, read as (f: CustomerFacts, c: EvalContext) => string | null);
    case 'date':
      return dateLeaf(leaf, read as (f: CustomerFacts, c: EvalContext) => Date | null);
    case 'set':
      return setLeaf(leaf, read as (f: CustomerFacts, c: EvalContext) => readonly string[] | null);
    case 'boolean':
      return leaf.op === 'is_true' ? (f, c) => read(f, c) === true : (f, c) => read(f, c) === false;
  }
  throw new Error(`compileCondition: "${leaf.op}" on ${field.type} field "${leaf.field}"`);
}

function isPresent(value: unknown): boolean {
  return value !== null && value !== undefined && (!Array.isArray(value) || value.length > 0);
}

type Read<T> = (f: CustomerFacts, c: EvalContext) => T | null;

function numberLeaf(leaf: ConditionLeaf, read: Read<number>): Predicate {
  if (leaf.op === 'between') {
    const [min, max] = leaf.value as [number, number];
    return (f, c) => {
      const v = read(f, c);
      return v !== null && v >= min && v <= max;
    };
  }
  const x = leaf.value as number;
  switch (leaf.op) {
    case 'eq':
      return (f, c) => read(f, c) === x;
    case 'neq':
      return (f, c) => {
        const v = read(f, c);
        return v !== null && v !== x;
      };
    case 'gt':
      return (f, c) => (read(f, c) ?? Number.NaN) > x;
    case 'gte':
      return (f, c) => (read(f, c) ?? Number.NaN) >= x;
    case 'lt':
      return (f, c) => (read(f, c) ?? Number.NaN) < x;
    case 'lte':
      return (f, c) => (read(f, c) ?? Number.NaN) <= x;
  }
  throw new Error(`compileCondition: "${leaf.op}" on number field "${leaf.field}"`);
}

function stringLeaf(leaf: ConditionLeaf, field: FieldDefinition, read: Read<string>): Predicate {
  const norm = field.caseInsensitive ? foldAscii : (s: string) => s;
  if (leaf.op === 'in' || leaf.op === 'not_in') {
    const set = new Set((leaf.value as string[]).map(norm));
    const inSet = leaf.op === 'in';
    return (f, c) => {
      const v = read(f, c);
      return v !== null && set.has(v) === inSet;
    };
  }
  const x = norm(leaf.value as string);
  const test = stringTest(leaf.op, x);
  return (f, c) => {
    const v = read(f, c);
    return v !== null && test(v);
  };
}

function stringTest(op: ConditionLeaf['op'], x: string): (v: string) => boolean {
  switch (op) {
    case 'eq':
      return (v) => v === x;
    case 'neq':
      return (v) => v !== x;
    case 'contains':
      return (v) => v.includes(x);
    case 'not_contains':
      return (v) => !v.includes(x);
    case 'starts_with':
      return (v) => v.startsWith(x);
    case 'ends_with':
      return (v) => v.endsWith(x);
  }
  throw new Error(`compileCondition: "${op}" on a string field`);
}

function dateLeaf(leaf: ConditionLeaf, read: Read<Date>): Predicate {
  const at = (f: CustomerFacts, c: EvalContext) => read(f, c)?.getTime() ?? Number.NaN;
  switch (leaf.op) {
    case 'before': {
      const x = leafInstant(leaf.value);
      return (f, c) => at(f, c) < x;
    }
    case 'after': {
      const x = leafInstant(leaf.value);
      return (f, c) => at(f, c) > x;
    }
    case 'between': {
      const [from, to] = (leaf.value as [string, string]).map(leafInstant) as [number, number];
      return (f, c) => {
        const t = at(f, c);
        return t >= from && t <= to;
      };
    }
    case 'within_last': {
      const span = (leaf.value as number) * DAY_MS;
      return (f, c) => at(f, c) >= c.now.getTime() - span;
    }
    case 'not_within_last': {
      const span = (leaf.value as number) * DAY_MS;
      return (f, c) => at(f, c) < c.now.getTime() - span;
    }
  }
  throw new Error(`compileCondition: "${leaf.op}" on date field "${leaf.field}"`);
}

function setLeaf(leaf: ConditionLeaf, read: Read<readonly string[]>): Predicate {
  const values = leaf.value as string[];
  const wanted = new Set(values);
  const hasAny = (v: readonly string[]) => {
    for (let i = 0; i < v.length; i++) if (wanted.has(v[i]!)) return true;
    return false;
  };
  switch (leaf.op) {
    case 'contains_any':
      return (f, c) => hasAny(read(f, c) ?? []);
    case 'contains_none':
      return (f, c) => {
        const v = read(f, c);
        return v !== null && !hasAny(v);
      };
    case 'contains_all':
      return (f, c) => {
        const v = read(f, c);
        return v !== null && values.every((x) => v.includes(x));
      };
  }
  throw new Error(`compileCondition: "${leaf.op}" on set field "${leaf.field}"`);
}

/** `has_purchased`: a matching line exists (or, with `minCount`, matching quantities sum to it). */
function purchaseLeaf(leaf: ConditionLeaf): Predicate {
  const column = purchaseColumn(leaf.field);
  const wanted = new Set(purchaseValues(leaf.value));
  const span = leaf.withinDays === undefined ? null : leaf.withinDays * DAY_MS;
  const minCount = leaf.minCount;
  const has: Predicate = (f, c) => {
    const since = span === null ? Number.NEGATIVE_INFINITY : c.now.getTime() - span;
    let sum = 0;
    for (const p of f.purchases ?? []) {
      const v = p[column];
      if (v === null || !wanted.has(v) || p.orderedAt.getTime() < since) continue;
      if (minCount === undefined) return true;
      sum += p.quantity;
    }
    return minCount !== undefined && sum >= minCount;
  };
  return leaf.op === 'has_purchased' ? has : (f, c) => !has(f, c);
}
