import { compileCondition, type EvalContext } from '@segflow/engine';
import { type Condition, type ConditionLeaf, resolveField } from '@segflow/schema';
import { codedLeaf } from './coded-leaf';
import type { CustomerColumns } from './customer-columns';
import type { PurchaseKey } from './purchase-lines';

/** One byte per slot: 1 = matches. */
export type Matches = Uint8Array;

const DAY_MS = 86_400_000;
const purchaseKeys: Record<string, PurchaseKey> = {
  'purchase.sku': 'sku',
  'purchase.productId': 'productId',
  'purchase.category': 'category',
  'purchase.brand': 'brand',
};

/** What a tree's evaluation reads besides the columns: now, and members of the segments it names. */
export interface EvaluationInput {
  now: Date;
  /** Member slots of each segment a leaf names (a segment absent here has no members). */
  segmentMembers: ReadonlyMap<string, Matches>;
}

/**
 * The slots a condition matches. A leaf on a coded column (texts, age, tags, attributes, email
 * domain) is decided once per distinct value by the engine's own compiled leaf, then looked up per
 * customer; the other plain leaves of a node run together as ONE engine predicate
 * (`compileCondition`, the very closure workflows use) over {@link CustomerColumns.row}. So their
 * semantics cannot drift from the JS predicate's. Purchase leaves test the order lines of the
 * customers in the matching kinds' posting lists (kind matched once per kind), segment leaves read
 * the members given. `all` narrows the
 * candidates child by child, cheapest first, and `any` only tries what is still unmatched.
 */
export function evaluateCondition(
  columns: CustomerColumns,
  condition: Condition,
  input: EvaluationInput,
): Matches {
  const all = new Uint8Array(columns.size).fill(1);
  return match(columns, condition, all, input);
}

/** Evaluation order of a node's children: 0 coded leaves, 1 plain fields (scanned), 2 segments, 3 subtrees, 4 purchases. */
function costClass(columns: CustomerColumns, condition: Condition): number {
  if ('all' in condition || 'any' in condition || 'not' in condition)
    return isPlain(columns, condition) ? 1 : 3;
  const type = resolveField(condition.field)?.type;
  if (type === 'purchase') return 4;
  if (type === 'segment') return 2;
  return codedLeaf(columns, condition) ? 0 : 1;
}

/** A subtree of plain fields only: evaluated as one predicate scan. */
function isPlain(columns: CustomerColumns, condition: Condition): boolean {
  if ('all' in condition) return condition.all.every((c) => isPlain(columns, c));
  if ('any' in condition) return condition.any.every((c) => isPlain(columns, c));
  if ('not' in condition) return isPlain(columns, condition.not);
  return costClass(columns, condition) === 1;
}

/** A node's children grouped for evaluation: the plain ones merged into one scanned node, cheapest first. */
function ordered(columns: CustomerColumns, children: Condition[], merge: (plain: Condition[]) => Condition) {
  const plain = children.filter((c) => costClass(columns, c) === 1);
  const rest = children.filter((c) => costClass(columns, c) !== 1);
  const groups = plain.length > 0 ? [...rest, merge(plain)] : rest;
  return groups.sort((a, b) => costClass(columns, a) - costClass(columns, b));
}

/** The slots of `within` that `condition` matches (a new array; `within` is left as it is). */
function match(
  columns: CustomerColumns,
  condition: Condition,
  within: Matches,
  input: EvaluationInput,
): Matches {
  if (isPlain(columns, condition)) return scan(columns, compileCondition(condition), within, input.now);
  if ('all' in condition) {
    let current = within;
    for (const child of ordered(columns, condition.all, (all) => ({ all }))) {
      current = match(columns, child, current, input);
    }
    return current === within ? within.slice() : current;
  }
  if ('any' in condition) {
    const found = new Uint8Array(within.length);
    const rest = within.slice();
    for (const child of ordered(columns, condition.any, (any) => ({ any }))) {
      const more = match(columns, child, rest, input);
      for (let i = 0; i < more.length; i++) {
        if (more[i]) {
          found[i] = 1;
          rest[i] = 0;
        }
      }
    }
    return found;
  }
  if ('not' in condition) {
    const inner = match(columns, condition.not, within, input);
    const out = within.slice();
    for (let i = 0; i < out.length; i++) if (inner[i]) out[i] = 0;
    return out;
  }
  return leaf(columns, condition, within, input);
}

function scan(
  columns: CustomerColumns,
  predicate: ReturnType<typeof compileCondition>,
  within: Matches,
  now: Date,
) {
  const out = new Uint8Array(within.length);
  const row = columns.row;
  const ctx: EvalContext = { now, event: null };
  for (let i = 0; i < within.length; i++) {
    if (within[i] === 0) continue;
    row.slot = i;
    if (predicate(row, ctx)) out[i] = 1;
  }
  return out;
}

function leaf(columns: CustomerColumns, condition: ConditionLeaf, within: Matches, input: EvaluationInput) {
  const out = new Uint8Array(within.length);
  const coded = codedLeaf(columns, condition);
  if (coded) {
    const verdict = coded.verdicts(input.now);
    const codes = coded.column.codes;
    for (let i = 0; i < within.length; i++) if (within[i] && verdict[codes[i]!]) out[i] = 1;
    return out;
  }
  if (resolveField(condition.field)?.type === 'segment') {
    const members = input.segmentMembers.get(String(condition.value));
    const wanted = condition.op === 'in_segment' ? 1 : 0;
    for (let i = 0; i < within.length; i++) if (within[i] && (members?.[i] ?? 0) === wanted) out[i] = 1;
    return out;
  }
  const { has, kinds } = purchaseTest(columns, condition, input.now);
  // Only customers with a line of a matching kind can have purchased (minCount is positive).
  const candidates = columns.lines.postings.candidates(kinds, columns.lines, within.length);
  const wanted = condition.op === 'has_purchased';
  for (let i = 0; i < within.length; i++) {
    if (within[i] && (candidates[i] === 1 && has(i)) === wanted) out[i] = 1;
  }
  return out;
}

/**
 * The engine's `purchaseLeaf` over the line columns: a line counts when its value is one of the
 * leaf's and it was ordered at or after now − withinDays; with `minCount`, counted quantities must
 * reach it.
 */
function purchaseTest(
  columns: CustomerColumns,
  condition: ConditionLeaf,
  now: Date,
): { has: (slot: number) => boolean; kinds: Uint8Array } {
  const key = purchaseKeys[condition.field];
  if (!key) throw new Error(`Not a purchase field: ${condition.field}`);
  const wanted = new Set(
    Array.isArray(condition.value) ? condition.value.map(String) : [String(condition.value)],
  );
  const lines = columns.lines;
  const values = lines.kinds.values[key];
  const kindMatches = new Uint8Array(values.length);
  for (let k = 0; k < values.length; k++) {
    const v = values[k];
    if (v !== null && v !== undefined && wanted.has(v)) kindMatches[k] = 1;
  }
  const since =
    condition.withinDays === undefined
      ? Number.NEGATIVE_INFINITY
      : now.getTime() - condition.withinDays * DAY_MS;
  const minCount = condition.minCount;
  const { start, count, kind, atMs, quantity } = lines;
  const has = (slot: number) => {
    const from = start[slot] ?? 0;
    const to = from + (count[slot] ?? 0);
    let sum = 0;
    for (let j = from; j < to; j++) {
      if (kindMatches[kind[j]!] === 0 || atMs[j]! < since) continue;
      if (minCount === undefined) return true;
      sum += quantity[j]!;
    }
    return minCount !== undefined && sum >= minCount;
  };
  return { has, kinds: kindMatches };
}
