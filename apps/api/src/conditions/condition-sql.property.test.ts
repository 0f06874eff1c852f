import { type CustomerFacts, compileCondition, conditionToSql } from '@segflow/engine';
import type { Condition } from '@segflow/schema';
import fc from 'fast-check';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeTestPool, createTestStore, getTestPool } from '../testing/test-database';
import { conditionArb, customerArb, NOW, SEGMENTS, type TestCustomer } from './condition-arbitraries';

// The law of issue 3 §7: for every tree and every customer, the SQL preview and the JS predicate agree.

async function insertCustomers(
  pool: pg.Pool,
  storeId: string,
  customers: TestCustomer[],
): Promise<CustomerFacts[]> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const facts: CustomerFacts[] = [];
    for (const [i, { facts: f, hasStats }] of customers.entries()) {
      const { rows } = await client.query<{ id: string }>(
        `INSERT INTO customers (store_id, external_id, email, first_name, last_name, company, phone, gender, birth_date,
           country, state, city, zip, accepts_marketing, group_name, tags, attributes, created_at)
         VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18) RETURNING id`,
        [
          storeId,
          `c-${i}`,
          f.email,
          f.firstName,
          f.lastName,
          f.company,
          f.phone,
          f.gender,
          f.birthDate,
          f.country,
          f.state,
          f.city,
          f.zip,
          f.acceptsMarketing,
          f.group,
          f.tags,
          JSON.stringify(f.attributes),
          f.createdAt,
        ],
      );
      const id = rows[0]!.id;
      if (hasStats) {
        await client.query(
          `INSERT INTO customer_stats (store_id, customer_id, lifetime_spend, order_count, average_order_value, first_order_at, last_order_at)
           VALUES ($1,$2,$3,$4,$5,$6,$7)`,
          [storeId, id, f.lifetimeSpend, f.orderCount, f.averageOrderValue, f.firstOrderAt, f.lastOrderAt],
        );
      }
      if (f.purchases && f.purchases.length > 0) {
        const order = await client.query<{ id: string }>(
          `INSERT INTO orders (store_id, customer_id, external_id, total, status, created_at) VALUES ($1,$2,$3,0,'paid',$4) RETURNING id`,
          [storeId, id, `o-${i}`, NOW],
        );
        for (const p of f.purchases) {
          await client.query(
            `INSERT INTO order_items (store_id, order_id, customer_id, sku, product_id, category, brand, quantity, unit_price, ordered_at)
             VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10)`,
            [
              storeId,
              order.rows[0]!.id,
              id,
              p.sku,
              p.productId,
              p.category,
              p.brand,
              p.quantity,
              p.unitPrice,
              p.orderedAt,
            ],
          );
        }
      }
      for (const segmentId of f.segmentIds ?? []) {
        await client.query(
          'INSERT INTO segment_memberships (store_id, segment_id, customer_id) VALUES ($1,$2,$3)',
          [storeId, segmentId, id],
        );
      }
      facts.push({ ...f, id });
    }
    await client.query('COMMIT');
    return facts;
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  } finally {
    client.release();
  }
}

async function newStore(pool: pg.Pool): Promise<string> {
  const storeId = await createTestStore(pool, 'sqljs');
  for (const id of SEGMENTS) {
    await pool.query(
      `INSERT INTO segments (id, store_id, name, condition) VALUES ($1, $2, $3, '{"all":[]}') ON CONFLICT (id) DO NOTHING`,
      [id, storeId, id],
    );
  }
  return storeId;
}

async function sqlMatches(pool: pg.Pool, storeId: string, condition: Condition): Promise<string[]> {
  const { sql, params } = conditionToSql(condition, { now: NOW, firstParamIndex: 2 });
  const { rows } = await pool.query<{ id: string }>(
    `SELECT c.id FROM customers c LEFT JOIN customer_stats s ON s.store_id = c.store_id AND s.customer_id = c.id
     WHERE c.store_id = $1 AND ${sql} ORDER BY c.id`,
    [storeId, ...params],
  );
  return rows.map((r) => r.id);
}

function jsMatches(condition: Condition, customers: CustomerFacts[]): string[] {
  const predicate = compileCondition(condition);
  return customers.filter((c) => predicate(c, { now: NOW, event: null })).map((c) => c.id);
}

describe('conditionToSql ≡ compileCondition on a real Postgres', () => {
  let pool: pg.Pool;
  let storeId: string;
  let population: CustomerFacts[];

  beforeAll(async () => {
    pool = getTestPool();
    storeId = await newStore(pool);
    const sample = fc.sample(customerArb, { numRuns: 250, seed: 42 });
    population = await insertCustomers(pool, storeId, sample);
  });
  afterAll(closeTestPool);

  it('agrees on 1,000 random trees over 250 random customers', async () => {
    let selective = 0; // trees that match some customers but not all: the ones that can disagree
    await fc.assert(
      fc.asyncProperty(conditionArb, async (condition) => {
        const expected = jsMatches(condition, population);
        expect(await sqlMatches(pool, storeId, condition)).toEqual(expected);
        if (expected.length > 0 && expected.length < population.length) selective++;
      }),
      { numRuns: 1000 },
    );
    expect(selective).toBeGreaterThan(300);
  }, 120_000);

  it('agrees on random trees over freshly generated customers (shrinks to a minimal customer)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(customerArb, { minLength: 1, maxLength: 6 }),
        conditionArb,
        async (customers, condition) => {
          const store = await newStore(pool);
          const facts = await insertCustomers(pool, store, customers);
          expect(await sqlMatches(pool, store, condition)).toEqual(jsMatches(condition, facts));
        },
      ),
      { numRuns: 60 },
    );
  }, 120_000);
});
