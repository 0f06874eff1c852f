import type { StoreEvent } from '@segflow/schema';
import type { CustomerFacts, EvalContext } from '../facts';
import { emailDomain, foldAscii, foldAsciiSql, textOrNull } from './text';

/** Reads a field's value; null means missing. Strings of case-insensitive fields come back folded. */
export type Reader = (facts: CustomerFacts, ctx: EvalContext) => unknown;

/** Adds a parameter and returns its placeholder (`$n`). */
export type AddParam = (value: unknown) => string;

/** How one scalar field is read in JS and written in SQL; the two must agree value for value. */
export interface FieldAccess {
  js: Reader;
  /** SQL expression over `c` / `s`, null when missing; absent for event fields (no SQL). */
  sql?: (param: AddParam) => string;
}

const text = (column: string) => `NULLIF(c.${column}, '')`;
const folded = (column: string) => foldAsciiSql(text(column));
const fold = (v: string | null) => (v === null ? null : foldAscii(v));

/** The email's domain in SQL, as {@link emailDomain}; an expression index may repeat it verbatim. */
export const EMAIL_DOMAIN_SQL = `CASE WHEN strpos(c.email, '@') > 0 THEN NULLIF(split_part(c.email, '@', -1), '') END`;

/** Customer fields readable in both JS and SQL (DESIGN §4 catalog, minus purchases and segments). */
export const customerFields: Record<string, FieldAccess> = {
  'customer.email': { js: (f) => fold(textOrNull(f.email)), sql: () => folded('email') },
  'customer.emailDomain': {
    js: (f) => fold(emailDomain(textOrNull(f.email))),
    // After the last '@' (split_part -1), null without '@' or when empty: no regular expression.
    sql: () => foldAsciiSql(EMAIL_DOMAIN_SQL),
  },
  'customer.firstName': { js: (f) => textOrNull(f.firstName), sql: () => text('first_name') },
  'customer.lastName': { js: (f) => textOrNull(f.lastName), sql: () => text('last_name') },
  'customer.company': { js: (f) => textOrNull(f.company), sql: () => text('company') },
  'customer.gender': { js: (f) => textOrNull(f.gender), sql: () => text('gender') },
  'customer.country': { js: (f) => fold(textOrNull(f.country)), sql: () => folded('country') },
  'customer.state': { js: (f) => fold(textOrNull(f.state)), sql: () => folded('state') },
  'customer.city': { js: (f) => textOrNull(f.city), sql: () => text('city') },
  'customer.zip': { js: (f) => textOrNull(f.zip), sql: () => text('zip') },
  'customer.group': { js: (f) => textOrNull(f.group), sql: () => "NULLIF(c.group_name, '')" },
  'customer.tags': { js: (f) => f.tags, sql: () => "COALESCE(c.tags, '{}'::text[])" },
  'customer.acceptsMarketing': { js: (f) => f.acceptsMarketing, sql: () => 'c.accepts_marketing' },
  'customer.createdAt': { js: (f) => f.createdAt, sql: () => 'c.created_at' },
  'customer.lifetimeSpend': { js: (f) => f.lifetimeSpend, sql: () => 'COALESCE(s.lifetime_spend, 0)' },
  'customer.orderCount': { js: (f) => f.orderCount, sql: () => 'COALESCE(s.order_count, 0)' },
  'customer.averageOrderValue': {
    js: (f) => f.averageOrderValue,
    sql: () => 'COALESCE(s.average_order_value, 0)',
  },
  'customer.firstOrderAt': { js: (f) => f.firstOrderAt, sql: () => 's.first_order_at' },
  'customer.lastOrderAt': { js: (f) => f.lastOrderAt, sql: () => 's.last_order_at' },
  'customer.age': { js: ageOf, sql: ageSql },
};

/**
 * Full years between the birth date and now's UTC date. Written as year difference minus one
 * before the birthday so that JS and SQL share one formula (Postgres `age()` differs for future dates).
 */
function ageOf(facts: CustomerFacts, ctx: EvalContext): number | null {
  const birth = facts.birthDate;
  if (!birth) return null;
  const today = utcToday(ctx.now);
  const birthMonthDay = digits(birth, 5, 2) * 100 + digits(birth, 8, 2);
  return today.year - digits(birth, 0, 4) - (today.monthDay < birthMonthDay ? 1 : 0);
}

/**
 * Now's UTC year and month × 100 + day by integer arithmetic (Hinnant's civil-from-days): Date's UTC
 * getters are slow, and this keeps the predicate free of caches and globals.
 */
function utcToday(now: Date): { year: number; monthDay: number } {
  const z = Math.floor(now.getTime() / 86_400_000) + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), monthDay: month * 100 + day };
}

/** The number written by `length` ASCII digits at `at` (no substring allocation). */
function digits(text: string, at: number, length: number): number {
  let n = 0;
  for (let i = at; i < at + length; i++) n = n * 10 + text.charCodeAt(i) - 48;
  return n;
}

// The "now" parameters are added at SQL build time from options.now via the `age:` pseudo values.
function ageSql(param: AddParam): string {
  const year = param(AGE_YEAR);
  const monthDay = param(AGE_MONTH_DAY);
  const bd = 'c.birth_date';
  return `(${year}::int - extract(year from ${bd})::int - CASE WHEN ${monthDay}::int < extract(month from ${bd})::int * 100 + extract(day from ${bd})::int THEN 1 ELSE 0 END)`;
}

/** Placeholders the SQL builder replaces with now's UTC year and month*100+day. */
export const AGE_YEAR = Symbol('age-year');
/** See {@link AGE_YEAR}. */
export const AGE_MONTH_DAY = Symbol('age-month-day');

/** Custom attributes: scalars compared as their JSON text; objects, arrays, null and '' are missing. */
export function attributeAccess(key: string): FieldAccess {
  return {
    js: (f) => {
      const v = f.attributes[key];
      if (typeof v === 'string') return v === '' ? null : v;
      if (typeof v === 'number' || typeof v === 'boolean') return String(v);
      return null;
    },
    sql: (param) => {
      const k = param(key);
      return `NULLIF(CASE WHEN jsonb_typeof(c.attributes -> ${k}::text) IN ('string', 'number', 'boolean') THEN c.attributes ->> ${k}::text END, '')`;
    },
  };
}

const order = (e: StoreEvent | null) => (e && 'order' in e ? e.order : null);
const cart = (e: StoreEvent | null) => (e && 'cart' in e ? e.cart : null);
type Line = {
  quantity: number;
  sku?: string | null;
  productId?: string | null;
  category?: string | null;
  brand?: string | null;
};
const quantity = (items: readonly Line[]) => items.reduce((sum, i) => sum + i.quantity, 0);
const distinct = (items: readonly Line[], key: 'sku' | 'productId' | 'category' | 'brand') => {
  const values: string[] = [];
  for (const item of items) {
    const v = item[key];
    if (v) values.push(v);
  }
  return values;
};

/** Fields of the triggering event (JS only: SQL never sees an event). */
export const eventFields: Record<string, FieldAccess> = {
  'order.total': { js: (_, c) => order(c.event)?.total ?? null },
  'order.itemCount': { js: (_, c) => nullable(order(c.event), (o) => quantity(o.items)) },
  'order.status': { js: (_, c) => textOrNull(order(c.event)?.status) },
  'order.previousStatus': {
    js: (_, c) => (c.event?.type === 'order.status_changed' ? textOrNull(c.event.previousStatus) : null),
  },
  'order.channel': { js: (_, c) => textOrNull(order(c.event)?.channel) },
  'order.couponCode': { js: (_, c) => textOrNull(order(c.event)?.couponCode) },
  'order.skus': { js: (_, c) => nullable(order(c.event), (o) => distinct(o.items, 'sku')) },
  'order.productIds': { js: (_, c) => nullable(order(c.event), (o) => distinct(o.items, 'productId')) },
  'order.categories': { js: (_, c) => nullable(order(c.event), (o) => distinct(o.items, 'category')) },
  'order.brands': { js: (_, c) => nullable(order(c.event), (o) => distinct(o.items, 'brand')) },
  'cart.total': { js: (_, c) => cart(c.event)?.total ?? null },
  'cart.itemCount': { js: (_, c) => nullable(cart(c.event), (k) => quantity(k.items)) },
};

function nullable<T, R>(value: T | null, map: (v: T) => R): R | null {
  return value === null ? null : map(value);
}
