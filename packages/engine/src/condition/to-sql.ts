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
 * Compiles a condition tree to SQL with the predicate's two-valued semantics: every leaf is wrapped
 * so NULL becomes false, hence `NOT` inverts exactly as in JS. Values only ever travel as parameters.
 * Event fields have no SQL (segments and backfills have no triggering event): they throw, like any
 * tree that did not pass `checkCondition`.
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
  const sql = toSql(condition, { add, now, segmentIds: options.segmentIds && new Set(options.segmentIds) });
  return { sql, params };
}

interface Ctx {
  add: AddParam;
  now: Date;
  segmentIds: Set<string> | undefined;
}

function toSql(c: Condition, ctx: Ctx): string {
  if ('all' in c) return c.all.length === 0 ? 'TRUE' : `(${c.all.map((x) => toSql(x, ctx)).join(' AND ')})`;
  if ('any' in c) return c.any.length === 0 ? 'FALSE' : `(${c.any.map((x) => toSql(x, ctx)).join(' OR ')})`;
  if ('not' in c) return `(NOT ${toSql(c.not, ctx)})`;
  return leafSql(c, ctx);
}

function leafSql(leaf: ConditionLeaf, ctx: Ctx): string {
  const field = resolveField(leaf.field);
  if (!field) throw new Error(`conditionToSql: unknown field "${leaf.field}"`);
  if (field.type === 'purchase') return purchaseSql(leaf, ctx);
  if (field.type === 'segment') return segmentSql(leaf, ctx);
  const access = fieldAccess(leaf.field);
  if (!access.sql) throw new Error(`conditionToSql: event field "${leaf.field}" has no SQL`);
  const expr = access.sql(ctx.add);
  if (leaf.op === 'is_set' || leaf.op === 'is_not_set') {
    const present = field.type === 'set' ? `cardinality(${expr}) > 0` : `${expr} IS NOT NULL`;
    return leaf.op === 'is_set' ? `(${present})` : `(NOT (${present}))`;
  }
  // Comparisons may yield NULL on a missing value: COALESCE makes the leaf two-valued.
  return `COALESCE(${comparison(leaf, field.type, field.caseInsensitive === true, expr, ctx)}, false)`;
}

function comparison(leaf: ConditionLeaf, type: string, fold: boolean, expr: string, ctx: Ctx): string {
  const { op, value } = leaf;
  const p = (v: unknown, cast: string) => `${ctx.add(v)}::${cast}`;
  const text = (v: unknown) => (fold ? foldAscii(String(v)) : String(v));
  if (type === 'number') {
    if (op === 'between') {
      const [min, max] = value as [number, number];
      return `(${expr} BETWEEN ${p(min, 'numeric')} AND ${p(max, 'numeric')})`;
    }
    const symbol = { eq: '=', neq: '<>', gt: '>', gte: '>=', lt: '<', lte: '<=' }[op as 'eq'];
    if (symbol) return `(${expr} ${symbol} ${p(value, 'numeric')})`;
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

function purchaseSql(leaf: ConditionLeaf, ctx: Ctx): string {
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
  return leaf.op === 'has_purchased' ? has : `(NOT ${has})`;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Segment ids are UUIDs (`segments.id`); any other id, or one outside `options.segmentIds`, has no
 * members, so the leaf is a constant instead of a query that would fail on the uuid cast.
 */
function segmentSql(leaf: ConditionLeaf, ctx: Ctx): string {
  const id = String(leaf.value);
  const known = UUID.test(id) && (ctx.segmentIds === undefined || ctx.segmentIds.has(id));
  const member = known
    ? `EXISTS (SELECT 1 FROM segment_memberships sm WHERE sm.store_id = c.store_id AND sm.customer_id = c.id AND sm.segment_id = ${ctx.add(id)}::uuid)`
    : 'FALSE';
  return leaf.op === 'in_segment' ? member : `(NOT ${member})`;
}
