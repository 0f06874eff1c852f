import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp } from '../../testing/test-app';
import { closeTestPool, createTestStore, getTestPool } from '../../testing/test-database';

let app: FastifyInstance;
let storeId: string;

const api = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string, payload?: object) =>
  app.inject({ method, url: `/api/stores/${storeId}${path}`, ...(payload ? { payload } : {}) });

const DAY = 86_400_000;

/** Five customers: spend, state, tags, a purchase and a birthday each chosen to split the trees. */
async function seedCustomers() {
  const pool = getTestPool();
  const people = [
    {
      ext: 'ana',
      state: 'TX',
      tags: ['vip'],
      spend: 700_000,
      orders: 3,
      last: 5,
      gender: 'female',
      birth: '1990-04-02',
    },
    {
      ext: 'bob',
      state: 'CA',
      tags: [],
      spend: 20_000,
      orders: 1,
      last: 90,
      gender: 'male',
      birth: '1970-01-01',
    },
    { ext: 'cy', state: 'tx', tags: ['new'], spend: 0, orders: 0, last: null, gender: null, birth: null },
    {
      ext: 'dee',
      state: null,
      tags: ['vip', 'new'],
      spend: 150_000,
      orders: 2,
      last: 20,
      gender: 'female',
      birth: '2001-09-09',
    },
    {
      ext: 'eve',
      state: 'NY',
      tags: [],
      spend: 550_000,
      orders: 5,
      last: 400,
      gender: 'female',
      birth: '1985-12-31',
    },
  ];
  const ids: Record<string, number> = {};
  for (const p of people) {
    const { rows } = await pool.query<{ id: string }>(
      `INSERT INTO customers (store_id, external_id, email, first_name, gender, birth_date, country, state, tags, created_at)
       VALUES ($1, $2, $3, $2, $4, $5, 'US', $6, $7, now() - interval '500 days') RETURNING id`,
      [storeId, p.ext, `${p.ext}@example.com`, p.gender, p.birth, p.state, p.tags],
    );
    const id = Number(rows[0]!.id);
    ids[p.ext] = id;
    if (p.orders > 0) {
      const last = new Date(Date.now() - p.last! * DAY);
      await pool.query(
        `INSERT INTO customer_stats (store_id, customer_id, lifetime_spend, order_count, average_order_value, first_order_at, last_order_at)
         VALUES ($1, $2, $3, $4, $5, $6, $6)`,
        [storeId, id, p.spend, p.orders, Math.round(p.spend / p.orders), last],
      );
      const order = await pool.query<{ id: string }>(
        `INSERT INTO orders (store_id, customer_id, external_id, total, status, created_at) VALUES ($1, $2, $3, $4, 'paid', $5) RETURNING id`,
        [storeId, id, `o-${p.ext}`, p.spend, last],
      );
      await pool.query(
        `INSERT INTO order_items (store_id, order_id, customer_id, sku, category, brand, quantity, unit_price, ordered_at)
         VALUES ($1, $2, $3, $4, $5, 'Apple', 1, $6, $7)`,
        [
          storeId,
          order.rows[0]!.id,
          id,
          p.ext === 'ana' ? 'IPH-15' : 'CASE',
          p.ext === 'ana' ? 'Phones' : 'Accessories',
          p.spend,
          last,
        ],
      );
    }
  }
  return ids;
}

let ids: Record<string, number>;
const spendOver = (cents: number) => ({ field: 'customer.lifetimeSpend', op: 'gt', value: cents });

beforeAll(async () => {
  app = await buildTestApp();
  storeId = await createTestStore();
  ids = await seedCustomers();
});
afterAll(async () => {
  await app.close();
  await closeTestPool();
});

describe('segments CRUD', () => {
  it('creates a segment, computes its members and lists, updates and deletes it', async () => {
    const created = await api('POST', '/segments', { name: 'Big spenders', condition: spendOver(500_000) });
    expect(created.statusCode).toBe(201);
    const segment = created.json();
    expect(segment).toMatchObject({ name: 'Big spenders', size: 2, description: null });
    expect((await api('GET', '/segments')).json().items.map((s: { id: string }) => s.id)).toContain(
      segment.id,
    );
    const updated = await api('PUT', `/segments/${segment.id}`, {
      condition: spendOver(600_000),
      description: 'top',
    });
    expect(updated.json()).toMatchObject({ size: 1, description: 'top' });
    expect((await api('GET', `/segments/${segment.id}`)).json().size).toBe(1);
    expect((await api('DELETE', `/segments/${segment.id}`)).statusCode).toBe(204);
    expect((await api('GET', `/segments/${segment.id}`)).statusCode).toBe(404);
  });

  it('answers 400 naming the problem for unknown fields, wrong operators, bad values and event fields', async () => {
    const cases = [
      [{ field: 'customer.shoeSize', op: 'eq', value: 1 }, /Unknown field/],
      [{ field: 'customer.lifetimeSpend', op: 'contains', value: 'x' }, /does not apply/],
      [{ field: 'customer.lifetimeSpend', op: 'gt', value: 'lots' }, /whole number/],
      [{ field: 'order.total', op: 'gt', value: 1 }, /not carried/],
      [{ all: [{ nope: true }] }, /condition/],
      ['not a tree', /condition/],
    ] as const;
    for (const [condition, message] of cases) {
      const res = await api('POST', '/segments', { name: 'bad', condition });
      expect(res.statusCode, JSON.stringify(condition)).toBe(400);
      expect(res.json().error.message).toMatch(message);
      const preview = await api('POST', '/segments/preview', { condition });
      expect(preview.statusCode).toBe(400);
    }
    expect((await api('POST', '/segments', { name: 'no condition' })).statusCode).toBe(400);
  });

  it('answers 404 for a segment of another store', async () => {
    const { id } = (await api('POST', '/segments', { name: 'mine', condition: { all: [] } })).json();
    const other = await createTestStore();
    const res = await app.inject({ method: 'GET', url: `/api/stores/${other}/segments/${id}` });
    expect(res.statusCode).toBe(404);
    await api('DELETE', `/segments/${id}`);
  });
});

describe('preview', () => {
  it('counts exactly, gives the share and a sorted sample, and pages with the cursor', async () => {
    const condition = {
      any: [spendOver(100_000), { field: 'customer.tags', op: 'contains_any', value: ['new'] }],
    };
    const first = (
      await api('POST', '/segments/preview', {
        condition,
        sort: { field: 'lifetimeSpend', direction: 'desc' },
        limit: 2,
      })
    ).json();
    expect(first).toMatchObject({ count: 4, total: 5 });
    expect(first.share).toBeCloseTo(0.8);
    expect(first.sample.map((c: { externalId: string }) => c.externalId)).toEqual(['ana', 'eve']);
    expect(typeof first.tookMs).toBe('number');
    const second = (
      await api('POST', '/segments/preview', {
        condition,
        sort: { field: 'lifetimeSpend', direction: 'desc' },
        limit: 2,
        cursor: first.nextCursor,
      })
    ).json();
    expect(second.sample.map((c: { externalId: string }) => c.externalId)).toEqual(['dee', 'cy']);
    expect(second.nextCursor).toBeNull();
  });

  it('handles case-insensitive states, nulls, purchases and relative dates', async () => {
    const count = async (condition: object) =>
      (await api('POST', '/segments/preview', { condition })).json().count;
    expect(await count({ field: 'customer.state', op: 'eq', value: 'tx' })).toBe(2);
    expect(await count({ field: 'customer.state', op: 'is_not_set' })).toBe(1);
    expect(await count({ not: { field: 'customer.state', op: 'eq', value: 'TX' } })).toBe(3);
    expect(await count({ field: 'purchase.sku', op: 'has_purchased', value: 'IPH-15', withinDays: 30 })).toBe(
      1,
    );
    expect(await count({ field: 'customer.lastOrderAt', op: 'not_within_last', value: 60 })).toBe(2);
    expect(await count({ field: 'customer.lastOrderAt', op: 'within_last', value: 60 })).toBe(2);
  });

  it('pages the default sort (newest customers first) and a date sort with nulls to the end', async () => {
    for (const sort of [undefined, { field: 'lastOrderAt', direction: 'desc' }]) {
      const seen: string[] = [];
      let cursor: string | undefined;
      do {
        const page = (
          await api('POST', '/segments/preview', { condition: { all: [] }, sort, limit: 2, cursor })
        ).json();
        seen.push(...page.sample.map((c: { externalId: string }) => c.externalId));
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      expect(seen.sort()).toEqual(['ana', 'bob', 'cy', 'dee', 'eve']);
    }
  });

  it('rejects a cursor it did not issue', async () => {
    const res = await api('POST', '/segments/preview', { condition: { all: [] }, cursor: 'garbage' });
    expect(res.statusCode).toBe(400);
    const forged = Buffer.from(JSON.stringify({ v: 'not a date', id: '1' })).toString('base64url');
    const cast = await api('POST', '/segments/preview', { condition: { all: [] }, cursor: forged });
    expect(cast.statusCode).toBe(400);
  });
});

describe('explain, overlap, members, insights', () => {
  it('explains each leaf with its verdict and the actual value', async () => {
    const condition = { all: [spendOver(500_000), { field: 'customer.state', op: 'eq', value: 'TX' }] };
    const res = (await api('POST', '/segments/explain', { condition, customerId: 'eve' })).json();
    expect(res.matches).toBe(false);
    expect(res.tree.all[0]).toMatchObject({ pass: true, actual: 550_000 });
    expect(res.tree.all[1]).toMatchObject({ pass: false, actual: 'NY' });
    const byId = (await api('POST', '/segments/explain', { condition, customerId: ids.ana })).json();
    expect(byId.matches).toBe(true);
    const missing = await api('POST', '/segments/explain', { condition, customerId: 'nobody' });
    expect(missing.statusCode).toBe(404);
    expect((await api('POST', '/segments/explain', { customerId: 'ana' })).statusCode).toBe(400);
  });

  it('computes pairwise overlap, exclusive counts and the union in one call', async () => {
    const big = (await api('POST', '/segments', { name: 'big', condition: spendOver(100_000) })).json();
    const vip = (
      await api('POST', '/segments', {
        name: 'vip',
        condition: { field: 'customer.tags', op: 'contains_any', value: ['vip'] },
      })
    ).json();
    const tx = (
      await api('POST', '/segments', {
        name: 'tx',
        condition: { field: 'customer.state', op: 'eq', value: 'TX' },
      })
    ).json();
    const res = (await api('POST', '/segments/overlap', { segmentIds: [big.id, vip.id, tx.id] })).json();
    // big = ana, dee, eve · vip = ana, dee · tx = ana, cy
    expect(res.segments.map((s: { size: number; exclusive: number }) => [s.size, s.exclusive])).toEqual([
      [3, 1],
      [2, 0],
      [2, 1],
    ]);
    expect(res.pairs.map((p: { count: number }) => p.count)).toEqual([2, 1, 1]);
    expect(res.union).toBe(4);
    expect(res.all).toBe(1);
    expect((await api('POST', '/segments/overlap', { segmentIds: [big.id] })).statusCode).toBe(400);
    const unknown = await api('POST', '/segments/overlap', {
      segmentIds: [big.id, '00000000-0000-4000-8000-000000000000'],
    });
    expect(unknown.statusCode).toBe(404);

    const page = (await api('GET', `/segments/${big.id}/members?limit=2`)).json();
    expect(page.items).toHaveLength(2);
    const rest = (await api('GET', `/segments/${big.id}/members?limit=2&cursor=${page.nextCursor}`)).json();
    expect([...page.items, ...rest.items].map((c: { externalId: string }) => c.externalId).sort()).toEqual([
      'ana',
      'dee',
      'eve',
    ]);
    const csv = await api('GET', `/segments/${big.id}/members.csv`);
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    const lines = csv.body.trim().split('\n');
    expect(lines[0]).toMatch(/^id,external_id,email/);
    expect(lines).toHaveLength(4);

    const insights = (await api('GET', `/segments/${big.id}/insights`)).json();
    expect(insights.size).toBe(3);
    expect(insights.gender).toEqual([{ key: 'female', count: 3 }]);
    expect(insights.averageOrderValue).toBe(Math.round((700_000 + 150_000 + 550_000) / 10));
    expect(insights.topCategories[0]).toEqual({ key: 'Accessories', count: 2 });
    expect(insights.history).toHaveLength(1);
    expect(insights.ageBands.reduce((n: number, b: { count: number }) => n + b.count, 0)).toBe(3);
  });

  it('uses saved segments inside conditions', async () => {
    const vip = (await api('GET', '/segments')).json().items.find((s: { name: string }) => s.name === 'vip');
    const res = (
      await api('POST', '/segments/preview', {
        condition: { field: 'segment', op: 'not_in_segment', value: vip.id },
      })
    ).json();
    expect(res.count).toBe(3);
  });
});
