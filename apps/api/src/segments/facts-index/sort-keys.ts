import type { CustomerColumns } from './customer-columns';

/** Preview sorts the index serves: every one but email, whose order is the database collation's. */
export const INDEX_SORT_FIELDS = [
  'id',
  'createdAt',
  'lifetimeSpend',
  'orderCount',
  'averageOrderValue',
  'lastOrderAt',
] as const;
export type IndexSortField = (typeof INDEX_SORT_FIELDS)[number];

/** A sort key over slots: the column of values (NaN = missing, sorts as -infinity) and a value as the cursor's text (as SQL prints it). */
export interface SortKey {
  column: Float64Array;
  text: (slot: number) => string;
}

/**
 * The same values as the SQL path's sort expressions (preview.ts `sortKeys`): missing stats are 0,
 * a missing last order is `-infinity`. Cursors are interchangeable between the two paths.
 */
export function sortKeyOf(c: CustomerColumns, field: IndexSortField): SortKey {
  switch (field) {
    case 'id':
      return numberKey(c.ids);
    case 'createdAt':
      return instantKey(c.createdAtUs);
    case 'lastOrderAt':
      return instantKey(c.lastOrderAtUs);
    case 'lifetimeSpend':
      return numberKey(c.lifetimeSpend);
    case 'orderCount':
      return numberKey(c.orderCount);
    case 'averageOrderValue':
      return numberKey(c.averageOrderValue);
  }
}

function numberKey(column: Float64Array): SortKey {
  return { column, text: (s) => String(column[s]) };
}

function instantKey(columnUs: Float64Array): SortKey {
  return {
    column: columnUs,
    text: (s) => instantText(Number.isNaN(columnUs[s]!) ? Number.NEGATIVE_INFINITY : columnUs[s]!),
  };
}

/** Epoch µs as timestamptz text with all six fractional digits (`-infinity` for a missing one). */
export function instantText(us: number): string {
  if (us === Number.NEGATIVE_INFINITY) return '-infinity';
  const ms = Math.floor(us / 1000);
  const micros = us - Math.floor(us / 1_000_000) * 1_000_000;
  return `${new Date(ms).toISOString().slice(0, 19)}.${String(micros).padStart(6, '0')}+00:00`;
}

const TIMESTAMP =
  /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,6}))?(?:([+-])(\d{2})(?::?(\d{2}))?)?$/;

/**
 * A cursor's sort value as a number: the text a cursor of either path carries (already checked by
 * the route's cursor shape test). Timestamps without an offset are UTC.
 */
export function parseSortValue(field: IndexSortField, text: string): number {
  if (field !== 'createdAt' && field !== 'lastOrderAt') return Number(text);
  if (text === '-infinity') return Number.NEGATIVE_INFINITY;
  const m = TIMESTAMP.exec(text);
  if (!m) return Number.NaN;
  const [, y, mo, d, h, mi, s, fraction = '', sign, oh = '0', om = '0'] = m;
  const seconds = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s)) / 1000;
  const offset = sign ? (sign === '-' ? -1 : 1) * (Number(oh) * 3600 + Number(om) * 60) : 0;
  return (seconds - offset) * 1_000_000 + Number(fraction.padEnd(6, '0'));
}
