import { type Condition, type ConditionLeaf, resolveField } from '@segflow/schema';
import { AGE_MONTH_DAY, AGE_YEAR, type AddParam } from './field-access';
import { DAY_MS, leafInstant, purchaseValues } from './leaf-values';
import { fieldAccess } from './resolve';
import { foldAscii } from './text';

/** Options of {@link conditionToSql}. */
export interface ConditionSqlOptions {
  /** The clock's now: relative dates and ages are computed from it, as the predicate does. */
  now: Date;
  /** Number of the first `$n` placeholder (default 1), to embed the SQL after other parameters. */
  firstParamIndex?: number;
  /** The store's existing segment ids, when known: a leaf naming another id is a constant. */
  segmentIds?: readonly string[];
}

/** A parameterised boolean SQL expression over `c` (customers) and `s` (customer_stats, LEFT JOIN). */
export interface ConditionSql {
  sql: string;
  params: unknown[];
}

const purchaseColumns: Record<string, string> = {
  'purchase.sku': 'oi.sku',
  'purchase.productId': 'oi.product_id',
  'purchase.category': 'oi.category',
  'purchase.brand': 'oi.brand',
};

/**
 * Compiles a condition tree to a SQL **WHERE condition** with the predicate's two-valued semantics:
 * a row matches exactly when the expression is TRUE and the predicate is true; where the predicate
 * is false the expression is FALSE *or NULL*. So use it where NULL means "no match" (WHERE, ON,
 * FILTER); to use it as a value, wrap it in `(…) IS TRUE`.
 *
 * Polarity (index-friendly, same meaning): for a formula of AND/OR only, a NULL leaf acts exactly
 * like false on whether the whole is TRUE, so leaves under an even number of `not` are emitted as
 * bare sargable comparisons (`s.lifetime_spend > $1`, `c.created_at >= $2`). `not` is pushed down by
 * De Morgan (not all = any not, not any = all not, not not x = x); only a leaf under an odd number
 * of `not` is negated, two-valued (`NOT COALESCE(leaf, false)`). Values only ever travel as
 * parameters. Event fields have no SQL (segments and backfills have no triggering event): they
 * throw, like any tree that did not pass `checkCondition`.
 */
export function conditionToSql(condition: Condition, options: ConditionSqlOptions): ConditionSql {
  const params: unknown[] = [];
  const first = options.firstParamIndex ?? 1;
  const now = options.now;
  const add: AddParam = (value) => {
    if (value === AGE_YEAR) value = now.getUTCFullYear();
    else if (value === AGE_MONTH_DAY) value = (now.getUTCMonth() + 1) * 100 + now.getUTCDate();
    params.push(value);
    return `$${first + params.length - 1}`;
  };
  const ctx = { add, now, segmentIds: options.segmentIds && new Set(options.segmentIds) };
  const sql = toSql(condition, ctx, true);
  return { sql, params };
}

interface Ctx {
  add: AddParam;
  now: Date;
  segmentIds: Set<string> | undefined;
}

/**
 * `positive`: the SQL must be TRUE exactly where the (sub)tree is true; negative: TRUE exactly where
 * it is false. Either way FALSE and NULL both mean "no", which AND / OR preserve.
 */
function toSql(c: Condition, ctx: Ctx, positive: boolean): string {
  if ('all' in c) return group(c.all, ctx, positive, positive ? 'AND' : 'OR');
  if ('any' in c) return group(c.any, ctx, positive, positive ? 'OR' : 'AND');
  if ('not' in c) return toSql(c.not, ctx, !positive);
  return leafSql(c, ctx, positive);
}

function group(items: readonly Condition[], ctx: Ctx, positive: boolean, join: 'AND' | 'OR'): string {
  if (items.length === 0) return join === 'AND' ? 'TRUE' : 'FALSE';
  return `(${items.map((x) => toSql(x, ctx, positive)).join(` ${join} `)})`;
}

/** Stats columns read as 0 when absent (LEFT JOIN miss or NULL): `COALESCE(col, 0)` in field-access. */
const zeroDefault: Record<string, string> = {
  'customer.lifetimeSpend': 's.lifetime_spend',
  'customer.orderCount': 's.order_count',
  'customer.averageOrderValue': 's.average_order_value',
};

function leafSql(leaf: ConditionLeaf, ctx: Ctx, positive: boolean): string {
  const field = resolveField(leaf.field);
  if (!field) throw new Error(`conditionToSql: unknown field "${leaf.field}"`);
  // Purchase and segment leaves are EXISTS / sums: two-valued already, so negation is a plain NOT.
  if (field.type === 'purchase') return purchaseSql(leaf, ctx, positive);
  if (field.type === 'segment') return segmentSql(leaf, ctx, positive);
  const access = fieldAccess(leaf.field);
  if (!access.sql) throw new Error(`conditionToSql: event field "${leaf.field}" has no SQL`);
  const expr = access.sql(ctx.add);
  if (leaf.op === 'is_set' || leaf.op === 'is_not_set') {
    const wantSet = (leaf.op === 'is_set') === positive;
    if (field.type === 'set') return wantSet ? `(cardinality(${expr}) > 0)` : `(cardinality(${expr}) = 0)`;
    return wantSet ? `(${expr} IS NOT NULL)` : `(${expr} IS NULL)`;
  }
  const fold = field.caseInsensitive === true;
  const column = zeroDefault[leaf.field];
  const cast = column !== undefined && isIntegerValue(leaf.value) ? 'bigint' : 'numeric';
  // Negative: the comparison may yield NULL on a missing value; COALESCE makes its negation two-valued.
  if (!positive) return `(NOT COALESCE(${comparison(leaf, field.type, fold, expr, ctx, cast)}, false))`;
  // Positive: a bare comparison (NULL on a missing value = no match, as in JS), sargable where possible.
  if (column !== undefined && field.type === 'number') return zeroDefaultSql(leaf, column, expr, ctx, cast);
  return comparison(leaf, field.type, fold, expr, ctx);
}

/**
 * Stats columns are bigint / integer: an integer value is compared as `bigint`, so the column stays
 * bare (`bigint > numeric` would convert every row to numeric and rule out its index). Same verdicts.
 */
function isIntegerValue(value: unknown): boolean {
  const values = Array.isArray(value) ? value : [value];
  return values.every((v) => Number.isSafeInteger(v));
}

/**
 * `COALESCE(col, 0) op v` rewritten so an index on `col` serves it: `col op v`, plus `OR col IS NULL`
 * only when 0 itself satisfies the comparison (decided here, v being a constant).
 */
function zeroDefaultSql(leaf: ConditionLeaf, column: string, expr: string, ctx: Ctx, cast: string): string {
  const zeroMatches = numberHolds(leaf.op, leaf.value, 0);
  if (zeroMatches === undefined) return comparison(leaf, 'number', false, expr, ctx, cast);
  const bare = comparison(leaf, 'number', false, column, ctx, cast);
  return zeroMatches ? `(${bare} OR ${column} IS NULL)` : bare;
}

/** Whether `x op value` holds, for finite numbers; undefined when not decidable here. */
function numberHolds(op: string, value: unknown, x: number): boolean | undefined {
  if (op === 'between') {
    const [min, max] = value as [unknown, unknown];
    if (!Number.isFinite(min) || !Number.isFinite(max)) return undefined;
    return (min as number) <= x && x <= (max as number);
  }
  if (!Number.isFinite(value)) return undefined;
  const v = value as number;
  switch (op) {
    case 'eq':
      return x === v;
    case 'neq':
      return x !== v;
    case 'gt':
      return x > v;
    case 'gte':
      return x >= v;
    case 'lt':
      return x < v;
    case 'lte':
      return x <= v;
  }
  return undefined;
}

function comparison(
  leaf: ConditionLeaf,
  type: string,
  fold: boolean,
  expr: string,
  ctx: Ctx,
  numberCast = 'numeric',
): string {
  const { op, value } = leaf;
  const p = (v: unknown, cast: string) => `${ctx.add(v)}::${cast}`;
  const text = (v: unknown) => (fold ? foldAscii(String(v)) : String(v));
  if (type === 'number') {
    if (op === 'between') {
      const [min, max] = value as [number, number];
      return `(${expr} BETWEEN ${p(min, numberCast)} AND ${p(max, numberCast)})`;
    }
    const symbol = { eq: '=', neq: '<>', gt: '>', gte: '>=', lt: '<', lte: '<=' }[op as 'eq'];
    if (symbol) return `(${expr} ${symbol} ${p(value, numberCast)})`;
  }
  if (type === 'string') {
    if (op === 'in') return `(${expr} = ANY(${p((value as string[]).map(text), 'text[]')}))`;
    if (op === 'not_in') return `(NOT (${expr} = ANY(${p((value as string[]).map(text), 'text[]')})))`;
    const x = p(text(value), 'text');
    const sql = {
      eq: `(${expr} = ${x})`,
      neq: `(${expr} <> ${x})`,
      contains: `(strpos(${expr}, ${x}) > 0)`,
      not_contains: `(strpos(${expr}, ${x}) = 0)`,
      starts_with: `starts_with(${expr}, ${x})`,
      ends_with: `(right(${expr}, char_length(${x})) = ${x})`,
    }[op as 'eq'];
    if (sql) return sql;
  }
  if (type === 'date') return dateComparison(leaf, expr, ctx);
  if (type === 'set') {
    const values = p(value, 'text[]');
    if (op === 'contains_any') return `(${expr} && ${values})`;
    if (op === 'contains_all') return `(${expr} @> ${values})`;
    if (op === 'contains_none') return `(NOT (${expr} && ${values}))`;
  }
  if (type === 'boolean') return op === 'is_true' ? `(${expr} IS TRUE)` : `(${expr} IS FALSE)`;
  throw new Error(`conditionToSql: "${op}" on ${type} field "${leaf.field}"`);
}

function dateComparison(leaf: ConditionLeaf, expr: string, ctx: Ctx): string {
  const at = (ms: number) => `${ctx.add(new Date(ms).toISOString())}::timestamptz`;
  const since = () => at(ctx.now.getTime() - (leaf.value as number) * DAY_MS);
  switch (leaf.op) {
    case 'before':
      return `(${expr} < ${at(leafInstant(leaf.value))})`;
    case 'after':
      return `(${expr} > ${at(leafInstant(leaf.value))})`;
    case 'between': {
      const [from, to] = leaf.value as [string, string];
      return `(${expr} BETWEEN ${at(leafInstant(from))} AND ${at(leafInstant(to))})`;
    }
    case 'within_last':
      return `(${expr} >= ${since()})`;
    case 'not_within_last':
      return `(${expr} < ${since()})`;
  }
  throw new Error(`conditionToSql: "${leaf.op}" on date field "${leaf.field}"`);
}

function purchaseSql(leaf: ConditionLeaf, ctx: Ctx, positive: boolean): string {
  const column = purchaseColumns[leaf.field]!;
  const where = [
    'oi.store_id = c.store_id',
    'oi.customer_id = c.id',
    `${column} = ANY(${ctx.add(purchaseValues(leaf.value))}::text[])`,
  ];
  if (leaf.withinDays !== undefined) {
    const since = new Date(ctx.now.getTime() - leaf.withinDays * DAY_MS).toISOString();
    where.push(`oi.ordered_at >= ${ctx.add(since)}::timestamptz`);
  }
  const from = `FROM order_items oi WHERE ${where.join(' AND ')}`;
  const has =
    leaf.minCount === undefined
      ? `EXISTS (SELECT 1 ${from})`
      : `((SELECT COALESCE(SUM(oi.quantity), 0) ${from}) >= ${ctx.add(leaf.minCount)}::numeric)`;
  return (leaf.op === 'has_purchased') === positive ? has : `(NOT ${has})`;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Segment ids are UUIDs (`segments.id`); any other id, or one outside `options.segmentIds`, has no
 * members, so the leaf is a constant instead of a query that would fail on the uuid cast.
 */
function segmentSql(leaf: ConditionLeaf, ctx: Ctx, positive: boolean): string {
  const id = String(leaf.value);
  const known = UUID.test(id) && (ctx.segmentIds === undefined || ctx.segmentIds.has(id));
  const member = known
    ? `EXISTS (SELECT 1 FROM segment_memberships sm WHERE sm.store_id = c.store_id AND sm.customer_id = c.id AND sm.segment_id = ${ctx.add(id)}::uuid)`
    : 'FALSE';
  if ((leaf.op === 'in_segment') === positive) return member;
  return known ? `(NOT ${member})` : 'TRUE';
}
