import { type CustomerFacts, compileCondition } from '@segflow/engine';
import fc from 'fast-check';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  conditionArb,
  customerArb,
  NOW,
  SEGMENTS,
  type TestCustomer,
} from '../conditions/condition-arbitraries';
import { closeTestPool, createTestStore, getTestPool } from '../testing/test-database';
import { loadCustomerFacts } from '../worker/customer-facts';
import { FactsIndexes } from './facts-index/facts-indexes';
import { syncSegment } from './membership-sync';
import { previewSegment } from './preview';

// Issue 6 "Done when": preview counts (and set-based memberships) equal the JS predicate's verdicts
// over the same customers in real Postgres: purchases, tags, nulls, unicode and relative dates.
// Builds on the engine's SQL ≡ JS law (conditions/condition-sql.property.test.ts) and its arbitraries;
// here the subject is the API's own path: previewSegment, syncSegment and the worker's facts loader.

const TARGET = '44444444-4444-4444-8444-444444444444';

/** Inserts the population in a few set-based statements (jsonb_to_recordset), returns ids in order. */
async function insertPopulation(pool: pg.Pool, storeId: string, people: TestCustomer[]): Promise<string[]> {
  const rows = people.map(({ facts: f, hasStats }, i) => ({ ...f, i, hasStats, attributes: f.attributes }));
  const { rows: inserted } = await pool.query<{ id: string; i: number }>(
    `INSERT INTO customers (store_id, external_id, email, first_name, last_name, company, phone, gender, birth_date,
       country, state, city, zip, accepts_marketing, group_name, tags, attributes, created_at)
     SELECT $1, 'c-' || x.i, x."email", x."firstName", x."lastName", x."company", x."phone", x."gender", x."birthDate"::date,
       x."country", x."state", x."city", x."zip", COALESCE(x."acceptsMarketing", false), x."group",
       ARRAY(SELECT jsonb_array_elements_text(x."tags")), x."attributes", COALESCE(x."createdAt", now())
     FROM jsonb_to_recordset($2::jsonb) AS x(i int, email text, "firstName" text, "lastName" text, company text,
       phone text, gender text, "birthDate" text, country text, state text, city text, zip text,
       "acceptsMarketing" boolean, "group" text, tags jsonb, attributes jsonb, "createdAt" timestamptz)
     ORDER BY x.i RETURNING id, substring(external_id from 3)::int AS i`,
    [storeId, JSON.stringify(rows)],
  );
  const ids: string[] = [];
  for (const r of inserted) ids[r.i] = r.id;
  const client = await pool.connect();
  try {
    for (const [i, { facts: f, hasStats }] of people.entries()) {
      const id = ids[i]!;
      if (hasStats) {
        await client.query(
          `INSERT INTO customer_stats (store_id, customer_id, lifetime_spend, order_count, average_order_value, first_order_at, last_order_at)
           VALUES ($1,$2,$3,$4,$5,$6,$7)`,
          [storeId, id, f.lifetimeSpend, f.orderCount, f.averageOrderValue, f.firstOrderAt, f.lastOrderAt],
        );
      }
      if (f.purchases?.length) {
        const order = await client.query<{ id: string }>(
          `INSERT INTO orders (store_id, customer_id, external_id, total, status, created_at) VALUES ($1,$2,$3,0,'paid',$4) RETURNING id`,
          [storeId, id, `o-${i}`, NOW],
        );
        await client.query(
          `INSERT INTO order_items (store_id, order_id, customer_id, sku, product_id, category, brand, quantity, unit_price, ordered_at)
           SELECT $1, $2, $3, p.sku, p."productId", p.category, p.brand, p.quantity, p."unitPrice", p."orderedAt"
           FROM jsonb_to_recordset($4::jsonb) AS p(sku text, "productId" text, category text, brand text, quantity int, "unitPrice" bigint, "orderedAt" timestamptz)`,
          [storeId, order.rows[0]!.id, id, JSON.stringify(f.purchases)],
        );
      }
      for (const segmentId of f.segmentIds ?? []) {
        await client.query(
          'INSERT INTO segment_memberships (store_id, segment_id, customer_id) VALUES ($1,$2,$3)',
          [storeId, segmentId, id],
        );
      }
    }
  } finally {
    client.release();
  }
  return ids;
}

describe('segment preview ≡ JS predicate on a real Postgres', () => {
  let pool: pg.Pool;
  let storeId: string;
  let facts: CustomerFacts[];
  let indexes: FactsIndexes;

  beforeAll(async () => {
    pool = getTestPool();
    storeId = await createTestStore(pool, 'segprop');
    // Segment ids are global primary keys: the engine's own property test may have created SEGMENTS.
    for (const id of [...SEGMENTS, TARGET]) {
      await pool.query(
        `INSERT INTO segments (id, store_id, name, condition) VALUES ($1, $2, $3, '{"all":[]}') ON CONFLICT (id) DO NOTHING`,
        [id, storeId, `segment ${id}`],
      );
    }
    const ids = await insertPopulation(pool, storeId, fc.sample(customerArb, { numRuns: 300, seed: 6 }));
    // The facts the live path evaluates come from the worker's loader, not from the arbitraries.
    const loaded = await Promise.all(
      ids.map((id) => loadCustomerFacts(pool, storeId, id, { purchases: true, segments: true })),
    );
    facts = loaded.map((f) => f!);
    indexes = new FactsIndexes(pool);
    await indexes.whenReady(storeId);
  });
  afterAll(closeTestPool);

  const jsIds = (condition: Parameters<typeof compileCondition>[0]) => {
    const predicate = compileCondition(condition);
    return facts.filter((f) => predicate(f, { now: NOW, event: null })).map((f) => Number(f.id));
  };

  const newestFirst = (ids: number[]) => {
    const created = new Map(facts.map((f) => [Number(f.id), f.createdAt!.getTime()]));
    return [...ids].sort((a, b) => created.get(b)! - created.get(a)! || b - a);
  };

  it('counts and samples exactly what the predicate matches (400 random trees, two sorts, SQL and in-memory index)', async () => {
    let selective = 0;
    await fc.assert(
      fc.asyncProperty(conditionArb, async (condition) => {
        const expected = jsIds(condition);
        const input = { condition, segmentIds: [...SEGMENTS, TARGET], now: NOW };
        for (const via of [undefined, indexes]) {
          const preview = await previewSegment(
            pool,
            storeId,
            { ...input, limit: 200, sort: { field: 'id', direction: 'asc' } },
            via,
          );
          expect(preview.count).toBe(expected.length);
          expect(preview.total).toBe(facts.length);
          expect(preview.sample.map((c) => c.id)).toEqual(expected.slice(0, 200));
          // The default sort (newest first): SQL's bounded index walk and its fallback; the index's top-N.
          const newest = await previewSegment(pool, storeId, { ...input, limit: 20 }, via);
          expect(newest.sample.map((c) => c.id)).toEqual(newestFirst(expected).slice(0, 20));
        }
        if (expected.length > 0 && expected.length < facts.length) selective++;
      }),
      { numRuns: 400, seed: 61 },
    );
    expect(selective).toBeGreaterThan(150);
  }, 180_000);

  it('set-based memberships (save and schedule) equal the predicate, and a re-run changes nothing', async () => {
    await fc.assert(
      fc.asyncProperty(conditionArb, async (condition) => {
        const expected = jsIds(condition);
        const ids = [...SEGMENTS, TARGET];
        await syncSegment(pool, storeId, { id: TARGET, condition }, ids, {
          now: NOW,
          emit: false,
          cause: 'p',
        });
        const { rows } = await pool.query<{ id: string }>(
          'SELECT customer_id AS id FROM segment_memberships WHERE store_id = $1 AND segment_id = $2 ORDER BY customer_id',
          [storeId, TARGET],
        );
        expect(rows.map((r) => Number(r.id))).toEqual(expected);
        const again = await syncSegment(pool, storeId, { id: TARGET, condition }, ids, {
          now: NOW,
          emit: false,
          cause: 'p',
        });
        expect(again).toEqual({ entered: 0, exited: 0, size: expected.length });
      }),
      { numRuns: 40, seed: 62 },
    );
  }, 120_000);
});
