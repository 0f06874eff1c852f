import { type Condition, resolveField } from '@segflow/schema';
import type pg from 'pg';
import { CUSTOMER_COLUMNS, CUSTOMERS_FROM, type CustomerRow, toMemberView } from '../segment-sql';
import type { CustomerColumns } from './customer-columns';
import { evaluateCondition, type Matches } from './evaluate';
import type { FactsIndex } from './facts-index';
import { type IndexSortField, type SortKey, sortKeyOf } from './sort-keys';

/** What {@link previewFromIndex} needs of a preview request (cursor already decoded). */
export interface IndexPreviewInput {
  condition: Condition;
  sort: { field: IndexSortField; direction: 'asc' | 'desc' };
  limit: number;
  /** The keyset position to continue after: sort value and customer id. */
  after?: { v: number; id: number };
  segmentIds: readonly string[];
  now: Date;
}

/**
 * Count, share and a sorted page from the store's in-memory index: the condition is evaluated over
 * every customer (see `evaluate.ts`), the page's customers are picked by a top-N pass over the
 * matches, and only their rows are read from Postgres (by primary key).
 */
export async function previewFromIndex(pool: pg.Pool, index: FactsIndex, input: IndexPreviewInput) {
  const columns = await index.current();
  const segmentMembers = await membersOf(pool, index.storeId, columns, input);
  // From here to the rows' query nothing awaits: count, page and cursor see one state of the columns.
  const matches = evaluateCondition(columns, input.condition, { now: input.now, segmentMembers });
  let count = 0;
  for (let i = 0; i < matches.length; i++) count += matches[i]!;
  const key = sortKeyOf(columns, input.sort.field);
  const page = topN(columns, matches, key, input);
  const last = page.length > input.limit ? page[input.limit - 1] : undefined;
  const nextCursor =
    last === undefined
      ? null
      : Buffer.from(JSON.stringify({ v: key.text(last), id: String(columns.ids[last]) })).toString(
          'base64url',
        );
  const total = columns.size;
  const ids = page.slice(0, input.limit).map((slot) => columns.ids[slot]!);
  const rows = await rowsOf(pool, index.storeId, ids);
  return { count, total, sample: rows.map(toMemberView), nextCursor };
}

/**
 * The first `limit + 1` matching slots in sort order after the cursor. Values are flipped for a
 * descending sort so one ascending loop serves both; most matches fail the "better than the worst
 * kept" test at once, the rest are inserted into a short sorted list.
 */
function topN(columns: CustomerColumns, matches: Matches, key: SortKey, input: IndexPreviewInput): number[] {
  const want = input.limit + 1;
  const sign = input.sort.direction === 'asc' ? 1 : -1;
  const ids = columns.ids;
  const values = key.column;
  const afterV = input.after ? input.after.v * sign : Number.NEGATIVE_INFINITY;
  const afterId = input.after ? input.after.id * sign : Number.NEGATIVE_INFINITY;
  const best: number[] = [];
  const bestV: number[] = [];
  const bestId: number[] = [];
  let worstV = Number.POSITIVE_INFINITY;
  let worstId = Number.POSITIVE_INFINITY;
  for (let slot = 0; slot < matches.length; slot++) {
    if (matches[slot] === 0) continue;
    let v = values[slot]!;
    if (Number.isNaN(v)) v = Number.NEGATIVE_INFINITY; // missing sorts lowest, as -infinity in SQL
    v *= sign;
    const id = ids[slot]! * sign;
    if (v < afterV || (v === afterV && id <= afterId)) continue;
    if (v > worstV || (v === worstV && id >= worstId)) continue;
    let at = best.length;
    while (at > 0 && (bestV[at - 1]! > v || (bestV[at - 1] === v && bestId[at - 1]! > id))) at--;
    best.splice(at, 0, slot);
    bestV.splice(at, 0, v);
    bestId.splice(at, 0, id);
    if (best.length > want) {
      best.pop();
      bestV.pop();
      bestId.pop();
    }
    if (best.length === want) {
      worstV = bestV[want - 1]!;
      worstId = bestId[want - 1]!;
    }
  }
  return best;
}

async function rowsOf(pool: pg.Pool, storeId: string, ids: number[]): Promise<CustomerRow[]> {
  if (ids.length === 0) return [];
  const { rows } = await pool.query<CustomerRow>(
    `SELECT ${CUSTOMER_COLUMNS} FROM ${CUSTOMERS_FROM} WHERE c.store_id = $1 AND c.id = ANY($2::bigint[])`,
    [storeId, ids],
  );
  const byId = new Map(rows.map((r) => [Number(r.id), r]));
  return ids.map((id) => byId.get(id)).filter((r): r is CustomerRow => r !== undefined);
}

function segmentLeaves(condition: Condition, out: Set<string>): Set<string> {
  if ('all' in condition) for (const c of condition.all) segmentLeaves(c, out);
  else if ('any' in condition) for (const c of condition.any) segmentLeaves(c, out);
  else if ('not' in condition) segmentLeaves(condition.not, out);
  else if (resolveField(condition.field)?.type === 'segment') out.add(String(condition.value));
  return out;
}

/** Members (as slots) of the store's segments the tree names; other ids name no one, as in SQL. */
async function membersOf(pool: pg.Pool, storeId: string, columns: CustomerColumns, input: IndexPreviewInput) {
  const known = new Set(input.segmentIds);
  const ids = [...segmentLeaves(input.condition, new Set())].filter((id) => known.has(id));
  const members = new Map<string, Matches>();
  if (ids.length === 0) return members;
  for (const id of ids) members.set(id, new Uint8Array(columns.size));
  const { rows } = await pool.query<{ segment_id: string; customer_id: string }>(
    'SELECT segment_id, customer_id FROM segment_memberships WHERE store_id = $1 AND segment_id = ANY($2::uuid[])',
    [storeId, ids],
  );
  for (const r of rows) {
    const slot = columns.slotOf.get(Number(r.customer_id));
    if (slot !== undefined) members.get(r.segment_id)![slot] = 1;
  }
  return members;
}
