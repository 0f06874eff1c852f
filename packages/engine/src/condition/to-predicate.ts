import { type Condition, type ConditionLeaf, type FieldDefinition, resolveField } from '@segflow/schema';
import type { CustomerFacts, EvalContext } from '../facts';
import { fieldAccess } from './resolve';
import { listTest, stringTest } from './string-match';
import { foldAscii, textRegion } from './text';
import { DAY_MS, leafInstant } from './leaf-values';
import { purchaseLeaf } from './purchase-leaf';

/** A compiled condition: pure, allocation-light, safe to call millions of times. */
export type Predicate = (facts: CustomerFacts, ctx: EvalContext) => boolean;

const TRUE: Predicate = () => true;
const FALSE: Predicate = () => false;

/**
 * Compiles a condition tree into nested closures, once (per workflow version or segment). Two-valued:
 * a missing value matches no comparison except `is_not_set`; `not` inverts. Predicates are pure, so
 * the children of `all` / `any` are reordered cheapest first: short-circuiting skips the costly
 * leaves (purchases, text scans) more often, and the answer cannot change. The tree must have passed
 * `checkCondition`; an unknown field or a malformed value here is a bug and throws.
 */
export function compileCondition(condition: Condition): Predicate {
  return compileCosted(condition).predicate;
}

interface Costed {
  predicate: Predicate;
  cost: number;
}

function compileCosted(condition: Condition): Costed {
  if ('all' in condition || 'any' in condition) {
    const isAll = 'all' in condition;
    const children = (isAll ? condition.all : condition.any)
      .map(compileCosted)
      .sort((a, b) => a.cost - b.cost);
    const parts = children.map((c) => c.predicate);
    const cost = children.reduce((sum, c) => sum + c.cost, 0);
    return { predicate: isAll ? allOf(parts) : anyOf(parts), cost };
  }
  if ('not' in condition) {
    const inner = compileCosted(condition.not);
    const predicate = inner.predicate;
    return { predicate: (f, c) => !predicate(f, c), cost: inner.cost };
  }
  return { predicate: compileLeaf(condition), cost: leafCost(condition) };
}

/** Rough relative cost of evaluating a leaf: field reads are cheap, scans and purchases are not. */
function leafCost(leaf: ConditionLeaf): number {
  const field = resolveField(leaf.field);
  if (!field) return 1;
  if (field.type === 'purchase') return 8;
  if (field.type === 'segment' || field.dynamic || leaf.field === 'customer.age') return 3;
  if (field.type === 'string') return field.caseInsensitive || leaf.op.includes('contains') ? 3 : 2;
  if (field.type === 'set') return 2;
  return field.source === 'event' ? 2 : 1;
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

/** A field reader narrowed to the value type its field type promises (null = missing). */
type Read<T> = (f: CustomerFacts, c: EvalContext) => T | null;

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
      return numberLeaf(leaf, read as Read<number>);
    case 'string':
      return stringLeaf(leaf, field);
    case 'date':
      return dateLeaf(leaf, read as Read<Date>);
    case 'set':
      return setLeaf(leaf, read as Read<readonly string[]>);
    case 'boolean':
      return leaf.op === 'is_true' ? (f, c) => read(f, c) === true : (f, c) => read(f, c) === false;
  }
  throw new Error(`compileCondition: "${leaf.op}" on ${field.type} field "${leaf.field}"`);
}

function isPresent(value: unknown): boolean {
  return value !== null && value !== undefined && (!Array.isArray(value) || value.length > 0);
}

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

function stringLeaf(leaf: ConditionLeaf, field: FieldDefinition): Predicate {
  const fold = field.caseInsensitive === true;
  const norm = fold ? foldAscii : (v: string) => v;
  const test =
    leaf.op === 'in' || leaf.op === 'not_in'
      ? listTest((leaf.value as string[]).map(norm), fold, leaf.op === 'in')
      : stringTest(leaf.op, norm(leaf.value as string), fold);
  const region = textRegion(leaf.field);
  return (f, c) => {
    const s = region.text(f, c);
    if (s === null) return false;
    const start = region.start(s);
    return start >= 0 && test(s, start);
  };
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
