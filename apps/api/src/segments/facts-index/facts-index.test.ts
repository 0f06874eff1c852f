import type { Condition } from '@segflow/schema';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeTestPool, createTestStore, getTestPool } from '../../testing/test-database';
import { previewSegment } from '../preview';
import { FactsIndexes } from './facts-indexes';
import { instantText, parseSortValue } from './sort-keys';

let pool: pg.Pool;
let storeId: string;
let indexes: FactsIndexes;

const NOW = new Date('2026-06-01T12:00:00Z');

async function addCustomer(ext: string, state: string, createdAt: string): Promise<string> {
  const { rows } = await pool.query<{ id: string }>(
    `INSERT INTO customers (store_id, external_id, email, state, created_at) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
    [storeId, ext, `${ext}@example.com`, state, createdAt],
  );
  return rows[0]!.id;
}

/** An order line and the stats row that goes with it, as the pipeline writes them (one statement). */
async function addPurchase(customerId: string, sku: string, total: number, at: string) {
  await pool.query(
    `WITH o AS (INSERT INTO orders (store_id, customer_id, external_id, total, status, created_at)
                VALUES ($1, $2, $3, $4, 'paid', $5) RETURNING id),
          i AS (INSERT INTO order_items (store_id, order_id, customer_id, sku, quantity, unit_price, ordered_at)
                SELECT $1, o.id, $2, $6, 1, $4, $5 FROM o)
     INSERT INTO customer_stats AS s (store_id, customer_id, lifetime_spend, order_count, average_order_value, first_order_at, last_order_at)
     VALUES ($1, $2, $4, 1, $4, $5, $5)
     ON CONFLICT (store_id, customer_id) DO UPDATE SET lifetime_spend = s.lifetime_spend + $4,
       order_count = s.order_count + 1, last_order_at = GREATEST(s.last_order_at, $5)`,
    [storeId, customerId, `o-${customerId}-${sku}-${at}`, total, at, sku],
  );
}

async function both(condition: Condition, extra: Partial<Parameters<typeof previewSegment>[2]> = {}) {
  const input = { condition, limit: 10, segmentIds: [], now: NOW, ...extra };
  const fromIndex = await previewSegment(pool, storeId, input, indexes);
  const fromSql = await previewSegment(pool, storeId, input);
  expect(fromIndex).toMatchObject({
    count: fromSql.count,
    total: fromSql.total,
    nextCursor: fromSql.nextCursor,
  });
  expect(fromIndex.sample.map((c) => c.id)).toEqual(fromSql.sample.map((c) => c.id));
  return fromIndex;
}

const texans: Condition = { field: 'customer.state', op: 'eq', value: 'TX' };
const boughtPhone: Condition = { field: 'purchase.sku', op: 'has_purchased', value: 'IPH-15' };

beforeAll(async () => {
  pool = getTestPool();
  storeId = await createTestStore(pool, 'factsidx');
  indexes = new FactsIndexes(pool);
  const ana = await addCustomer('ana', 'TX', '2026-01-01T00:00:00.000001Z');
  await addCustomer('bob', 'CA', '2026-01-02T00:00:00Z');
  await addPurchase(ana, 'IPH-15', 99_900, '2026-05-01T10:00:00Z');
  expect(await indexes.whenReady(storeId)).not.toBeNull();
});
afterAll(closeTestPool);

describe('the in-memory segment index', () => {
  it('answers like SQL, and sees every write committed before the preview', async () => {
    expect((await both(texans)).count).toBe(1);
    const cy = await addCustomer('cy', 'tx', '2026-01-03T00:00:00Z');
    expect((await both(texans)).count).toBe(2);
    await pool.query(`UPDATE customers SET state = 'NY' WHERE store_id = $1 AND external_id = 'ana'`, [
      storeId,
    ]);
    expect((await both(texans)).count).toBe(1);
    expect((await both(boughtPhone)).count).toBe(1);
    await addPurchase(cy, 'IPH-15', 50_000, '2026-05-20T10:00:00Z');
    expect((await both(boughtPhone)).count).toBe(2);
    const spend: Condition = { field: 'customer.lifetimeSpend', op: 'gte', value: 50_000 };
    expect((await both(spend)).count).toBe(2);
  });

  it('sees a transaction that was running while it read, once it commits', async () => {
    const writer = await pool.connect();
    try {
      await writer.query('BEGIN');
      await writer.query(`UPDATE customers SET state = 'TX' WHERE store_id = $1 AND external_id = 'bob'`, [
        storeId,
      ]);
      const before = (await both(texans)).count;
      await writer.query('COMMIT');
      expect((await both(texans)).count).toBe(before + 1);
    } finally {
      writer.release();
    }
  });

  it('pages every sort it serves with cursors that either path continues', async () => {
    for (let i = 0; i < 7; i++)
      await addCustomer(`p${i}`, 'TX', `2026-02-0${1 + (i % 3)}T00:00:00.00000${i}Z`);
    const sorts = [
      undefined,
      { field: 'lastOrderAt', direction: 'desc' },
      { field: 'lifetimeSpend', direction: 'asc' },
      { field: 'id', direction: 'asc' },
    ] as const;
    for (const sort of sorts) {
      const all = await both({ all: [] }, { sort, limit: 200 });
      const seen: number[] = [];
      let cursor: string | undefined;
      let fromIndex = true;
      do {
        const page = await previewSegment(
          pool,
          storeId,
          { condition: { all: [] }, limit: 3, segmentIds: [], now: NOW, sort, cursor },
          fromIndex ? indexes : undefined,
        );
        seen.push(...page.sample.map((c) => c.id));
        cursor = page.nextCursor ?? undefined;
        fromIndex = !fromIndex;
      } while (cursor);
      expect(seen, JSON.stringify(sort)).toEqual(all.sample.map((c) => c.id));
    }
  });

  it('reads the members of the segments a tree names', async () => {
    const { rows } = await pool.query<{ id: string }>(
      `INSERT INTO segments (store_id, name, condition) VALUES ($1, 'texans', '{"all":[]}') RETURNING id`,
      [storeId],
    );
    const segment = rows[0]!.id;
    await pool.query(
      `INSERT INTO segment_memberships (store_id, segment_id, customer_id)
       SELECT store_id, $2, id FROM customers WHERE store_id = $1 AND external_id IN ('ana', 'cy')`,
      [storeId, segment],
    );
    const inIt: Condition = { field: 'segment', op: 'in_segment', value: segment };
    expect((await both(inIt, { segmentIds: [segment] })).count).toBe(2);
    expect((await both({ not: inIt }, { segmentIds: [segment] })).count).toBe(8);
    expect((await both(inIt, { segmentIds: [] })).count).toBe(0);
  });
});

describe('facts_xid stamps', () => {
  it('move when a column conditions read changes, not when only bookkeeping does (so updates stay HOT)', async () => {
    const stamp = async () =>
      (
        await pool.query<{ x: string }>(
          `SELECT facts_xid::text AS x FROM customers WHERE store_id = $1 AND external_id = 'ana'`,
          [storeId],
        )
      ).rows[0]!.x;
    const before = await stamp();
    await pool.query(
      `UPDATE customers SET updated_at = now(), source_updated_at = now(), state = state WHERE store_id = $1 AND external_id = 'ana'`,
      [storeId],
    );
    expect(await stamp()).toBe(before);
    await pool.query(
      `UPDATE customers SET tags = tags || '{stamped}' WHERE store_id = $1 AND external_id = 'ana'`,
      [storeId],
    );
    expect(await stamp()).not.toBe(before);
  });
});

describe('a store deleted and created again (a re-seed)', () => {
  it('is answered by SQL at once and gets a new index', async () => {
    const again = await createTestStore(pool, 'reseed');
    const own = new FactsIndexes(pool);
    const add = (ext: string) =>
      pool.query(`INSERT INTO customers (store_id, external_id, state) VALUES ($1, $2, 'TX')`, [again, ext]);
    await add('old-1');
    await add('old-2');
    await own.whenReady(again);
    await pool.query('DELETE FROM stores WHERE id = $1', [again]);
    await pool.query(`INSERT INTO stores (id, name) VALUES ($1, 'again')`, [again]);
    await add('new-1');
    const input = { condition: texans, limit: 10, segmentIds: [], now: NOW };
    expect((await previewSegment(pool, again, input, own)).count).toBe(1);
    const rebuilt = await own.whenReady(again);
    expect(rebuilt?.columns.size).toBe(1);
  });
});

describe('sort values', () => {
  it('prints instants to the microsecond and reads back what either path prints', () => {
    const us = Date.parse('2026-02-03T04:05:06.789Z') * 1000 + 123;
    expect(instantText(us)).toBe('2026-02-03T04:05:06.789123+00:00');
    expect(parseSortValue('createdAt', instantText(us))).toBe(us);
    expect(parseSortValue('createdAt', '2026-02-03 06:05:06.789123+02')).toBe(us);
    expect(parseSortValue('lastOrderAt', '-infinity')).toBe(Number.NEGATIVE_INFINITY);
    const before1970 = Date.parse('1960-05-06T07:08:09.5Z') * 1000 + 1;
    expect(parseSortValue('createdAt', instantText(before1970))).toBe(before1970);
    expect(parseSortValue('lifetimeSpend', '12345')).toBe(12345);
  });
});
