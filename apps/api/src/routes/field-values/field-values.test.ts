import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp } from '../../testing/test-app';
import { closeTestPool, createTestStore, getTestPool } from '../../testing/test-database';
import { createFieldValuesRepository, fieldsWithValues } from './field-values.repository';

let app: FastifyInstance;
let storeId: string;
let otherStoreId: string;

async function seed(store: string, rows: string) {
  await getTestPool().query(
    `INSERT INTO customers (store_id, external_id, email, first_name, state, city, company, tags, group_name, attributes)
     VALUES ${rows}`,
    [store],
  );
}

beforeAll(async () => {
  app = await buildTestApp();
  storeId = await createTestStore();
  otherStoreId = await createTestStore();
  await seed(
    storeId,
    `($1, 'c1', 'ana@acme.com', 'Ana', 'TX', 'Austin', 'Acme', '{vip,texas}', 'VIP member', '{"income": "75-100k"}'),
     ($1, 'c2', 'bo@acme.com', 'Bo', 'tx', 'Dallas', NULL, '{texas}', NULL, '{"income": "50-75k"}'),
     ($1, 'c3', 'cy@example.com', 'Cy', 'CA', 'San Diego', 'Acme', '{}', 'VIP member', '{"survey": "yes"}'),
     ($1, 'c4', 'di@example.com', 'Di', NULL, '', NULL, '{}', NULL, '{}')`,
  );
  await seed(
    otherStoreId,
    `($1, 'x1', 'zed@other.com', 'Zed', 'NY', 'New York', 'Other', '{secret}', 'Other', '{"pet": "cat"}')`,
  );
  const pool = getTestPool();
  await pool.query(
    `INSERT INTO orders (store_id, customer_id, external_id, total, status, channel, created_at)
     SELECT $1, id, 'o-' || external_id, 1000, 'paid', 'web', now() FROM customers
     WHERE store_id = $1 AND external_id IN ('c1', 'c2')`,
    [storeId],
  );
  await pool.query(
    `INSERT INTO order_items (store_id, order_id, customer_id, sku, product_id, name, category, brand, quantity, unit_price, ordered_at)
     SELECT $1, o.id, o.customer_id, 'IPH-15', 'p-1', 'iPhone 15', 'Phones', 'Apple', 1, 1000, now() FROM orders o WHERE o.store_id = $1`,
    [storeId],
  );
  await pool.query(
    `INSERT INTO products (store_id, external_id, sku, name, category, brand, price)
     VALUES ($1, 'p-1', 'IPH-15', 'iPhone 15', 'Phones', 'Apple', 1000)`,
    [storeId],
  );
});
afterAll(async () => {
  await app.close();
  await closeTestPool();
});

async function values(store: string, query: string) {
  const res = await app.inject({ method: 'GET', url: `/api/stores/${store}/field-values?${query}` });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { field: string; values: Array<{ value: string; label?: string; count: number }> };
}

describe('field values', () => {
  it('lists the distinct states in the store with customer counts, most common first, case folded', async () => {
    const body = await values(storeId, 'field=customer.state');
    expect(body).toEqual({
      field: 'customer.state',
      values: [
        { value: 'TX', count: 2 },
        { value: 'CA', count: 1 },
      ],
    });
  });

  it('lists tags, groups, attribute keys and one attribute’s values', async () => {
    expect((await values(storeId, 'field=customer.tags')).values).toEqual([
      { value: 'texas', count: 2 },
      { value: 'vip', count: 1 },
    ]);
    expect((await values(storeId, 'field=customer.group')).values).toEqual([
      { value: 'VIP member', count: 2 },
    ]);
    expect((await values(storeId, 'field=customer.attributes')).values).toEqual([
      { value: 'income', count: 2 },
      { value: 'survey', count: 1 },
    ]);
    expect((await values(storeId, 'field=customer.attributes.income')).values.map((v) => v.value)).toEqual([
      '50-75k',
      '75-100k',
    ]);
  });

  it('counts purchases per customer and names SKUs by their product', async () => {
    expect((await values(storeId, 'field=purchase.sku')).values).toEqual([
      { value: 'IPH-15', label: 'iPhone 15', count: 2 },
    ]);
    expect((await values(storeId, 'field=purchase.category')).values).toEqual([
      { value: 'Phones', count: 2 },
    ]);
    expect((await values(storeId, 'field=order.channel')).values).toEqual([{ value: 'web', count: 2 }]);
  });

  it('filters by q, case-insensitively and with LIKE wildcards taken literally, and honours limit', async () => {
    expect((await values(storeId, 'field=customer.city&q=da')).values).toEqual([
      { value: 'Dallas', count: 1 },
    ]);
    expect((await values(storeId, 'field=customer.city&q=SAN')).values).toEqual([
      { value: 'San Diego', count: 1 },
    ]);
    expect((await values(storeId, 'field=customer.city&q=%25')).values).toEqual([]);
    expect((await values(storeId, 'field=customer.city&limit=2')).values).toHaveLength(2);
  });

  it('never shows another store’s values', async () => {
    for (const field of [
      'customer.state',
      'customer.city',
      'customer.tags',
      'customer.company',
      'customer.attributes',
    ]) {
      const mine = (await values(storeId, `field=${field}`)).values.map((v) => v.value);
      expect(mine).not.toEqual(
        expect.arrayContaining([expect.stringMatching(/NY|New York|secret|Other|pet/)]),
      );
    }
    expect((await values(otherStoreId, 'field=customer.state')).values).toEqual([{ value: 'NY', count: 1 }]);
    expect((await values(otherStoreId, 'field=purchase.sku')).values).toEqual([]);
  });

  it('answers every field the catalog marks as having data values', async () => {
    for (const field of fieldsWithValues) await values(storeId, `field=${field}&q=a`);
  });

  it('answers 400 naming the field for a field without values, and for a bad limit', async () => {
    for (const field of ['customer.lifetimeSpend', 'nope', 'customer.attributes.bad key']) {
      const res = await app.inject({
        method: 'GET',
        url: `/api/stores/${storeId}/field-values?field=${encodeURIComponent(field)}`,
      });
      expect(res.statusCode).toBe(400);
      expect(res.json().error).toMatchObject({ code: 'validation_failed', details: { field } });
      expect(res.json().error.message).toContain(field);
    }
    const res = await app.inject({
      method: 'GET',
      url: `/api/stores/${storeId}/field-values?field=customer.state&limit=101`,
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toMatch(/limit/);
    const missing = await app.inject({ method: 'GET', url: `/api/stores/${storeId}/field-values` });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.message).toMatch(/field/);
  });

  it('answers 404 for an unknown store', async () => {
    const res = await app.inject({
      method: 'GET',
      url: '/api/stores/no-such-store/field-values?field=customer.state',
    });
    expect(res.statusCode).toBe(404);
  });
});

describe('field values on a large store (sampled, bounded in time)', () => {
  // exactUpTo -1: every store counts as large; the sample's share is then min(1, sampleRows / rows).
  const sampled = () => createFieldValuesRepository(getTestPool(), { exactUpTo: -1 });

  it('marks sampled counts approximate; a sample of every customer counts them all', async () => {
    expect(await sampled().list(storeId, { field: 'customer.state', limit: 20 })).toEqual([
      { value: 'TX', count: 2, approximate: true },
      { value: 'CA', count: 1, approximate: true },
    ]);
    expect(await sampled().list(storeId, { field: 'purchase.category', limit: 20 })).toEqual([
      { value: 'Phones', count: 2, approximate: true },
    ]);
  });

  it('scales the counts of a partial sample up to the whole store', async () => {
    const big = await createTestStore();
    await getTestPool().query(
      `INSERT INTO customers (store_id, external_id, state)
       SELECT $1, 'b' || i, CASE WHEN md5(i::text) < '8' THEN 'TX' ELSE 'CA' END FROM generate_series(1, 2000) i`,
      [big],
    );
    // The share sampled comes from the planner's row estimate: give it statistics.
    await getTestPool().query('ANALYZE customers');
    const repo = createFieldValuesRepository(getTestPool(), { exactUpTo: -1, sampleRows: 200 });
    const values = await repo.list(big, { field: 'customer.state', limit: 20 });
    expect(values.map((v) => v.value).sort()).toEqual(['CA', 'TX']);
    const exact = { TX: 982, CA: 1018 } as Record<string, number>;
    expect(
      values.some((v) => v.count !== exact[v.value]),
      'a partial sample, not every customer',
    ).toBe(true);
    for (const v of values) {
      expect(v.approximate).toBe(true);
      expect(v.count).toBeGreaterThan(500);
      expect(v.count).toBeLessThan(1500);
    }
  });

  it('filters sampled values by q and never shows another store’s values', async () => {
    expect(await sampled().list(storeId, { field: 'customer.city', q: 'da', limit: 20 })).toEqual([
      { value: 'Dallas', count: 1, approximate: true },
    ]);
    const tags = await sampled().list(storeId, { field: 'customer.tags', limit: 20 });
    expect(tags.map((t) => t.value)).toEqual(['texas', 'vip']);
    expect(await sampled().list(otherStoreId, { field: 'purchase.sku', limit: 20 })).toEqual([]);
  });

  it('finds on search the rare item values a sample misses, counted exactly; the rest stay sampled', async () => {
    const big = await createTestStore();
    const pool = getTestPool();
    await pool.query(
      `INSERT INTO customers (store_id, external_id) SELECT $1, 'r' || i FROM generate_series(1, 2000) i`,
      [big],
    );
    await pool.query(
      `INSERT INTO orders (store_id, customer_id, external_id, total, status, created_at)
       SELECT $1, id, 'o-' || external_id, 1000, 'paid', now() FROM customers WHERE store_id = $1`,
      [big],
    );
    // Every customer bought COMMON-1; one customer in the second half of a sampling period (never in the
    // sample: a slice is the first share of its period) also bought RARE-1.
    await pool.query(
      `WITH b AS (SELECT min(id) AS lo, ceil((max(id) - min(id) + 1) / 64.0)::bigint AS period
                  FROM customers WHERE store_id = $1),
            rare AS (SELECT c.id FROM customers c, b WHERE c.store_id = $1
                     AND (c.id - b.lo) % b.period >= b.period / 2 LIMIT 1)
       INSERT INTO order_items (store_id, order_id, customer_id, sku, quantity, unit_price, ordered_at)
       SELECT $1, o.id, o.customer_id, s.sku, 1, 1000, now()
       FROM orders o CROSS JOIN LATERAL (VALUES ('COMMON-1'), ('RARE-1')) AS s(sku)
       WHERE o.store_id = $1 AND (s.sku = 'COMMON-1' OR o.customer_id IN (SELECT id FROM rare))`,
      [big],
    );
    await pool.query('ANALYZE order_items');
    const repo = createFieldValuesRepository(pool, { exactUpTo: -1, sampleRows: 200 });
    expect((await repo.list(big, { field: 'purchase.sku', limit: 20 })).map((v) => v.value)).toEqual([
      'COMMON-1',
    ]);
    const found = await repo.list(big, { field: 'purchase.sku', q: '-1', limit: 20 });
    expect(found.map(({ value, approximate }) => ({ value, approximate }))).toEqual([
      { value: 'COMMON-1', approximate: true },
      { value: 'RARE-1', approximate: undefined },
    ]);
    expect(found[1]?.count).toBe(1);
    expect(await repo.list(big, { field: 'order.skus', q: 'zzz', limit: 20 })).toEqual([]);
  });

  it('names sampled SKUs from products', async () => {
    expect(await sampled().list(storeId, { field: 'purchase.sku', q: 'iph', limit: 20 })).toEqual([
      { value: 'IPH-15', label: 'iPhone 15', count: 2, approximate: true },
    ]);
  });

  it('answers 503 query_timeout, not 500, when the database cannot answer in time', async () => {
    const locker = await getTestPool().connect();
    try {
      await locker.query('BEGIN; LOCK TABLE customers IN ACCESS EXCLUSIVE MODE');
      const repo = createFieldValuesRepository(getTestPool(), { timeoutMs: 100 });
      await expect(repo.list(storeId, { field: 'customer.state', limit: 20 })).rejects.toMatchObject({
        code: 'query_timeout',
        status: 503,
        details: { field: 'customer.state' },
      });
    } finally {
      await locker.query('ROLLBACK');
      locker.release();
    }
  });
});
