import type { StoreEvent } from '@segflow/schema';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orderEvent } from '../testing/test-app';
import { closeTestPool, createTestStore, getTestPool } from '../testing/test-database';
import { applyBatch, type EventToApply } from './apply-batch';

let storeId: string;

beforeAll(async () => {
  storeId = await createTestStore();
});
afterAll(async () => {
  await closeTestPool();
});

/** A pool whose clients count the queries they are sent (a pipeline is one). */
function countingPool(pool: pg.Pool) {
  const counter = { queries: 0 };
  const counting = {
    async connect() {
      const client = await pool.connect();
      const query = client.query.bind(client);
      return Object.assign(Object.create(client), {
        query: (...args: unknown[]) => {
          counter.queries += 1;
          return (query as (...a: unknown[]) => unknown)(...args);
        },
        release: () => client.release(),
      });
    },
  };
  return { pool: counting as unknown as pg.Pool, counter };
}

/** Stores order events as ingest does (no job: nothing else applies them) and returns them to apply. */
async function stored(events: ReturnType<typeof orderEvent>[]): Promise<EventToApply[]> {
  const out: EventToApply[] = [];
  for (const event of events) {
    const { rows } = await getTestPool().query<{ id: string }>(
      `INSERT INTO events (store_id, event_id, type, payload, occurred_at) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
      [storeId, event.id, event.type, JSON.stringify(event), event.occurredAt],
    );
    out.push({ id: Number(rows[0]!.id), storeId, event: event as unknown as StoreEvent });
  }
  return out;
}

async function statsOf(externalId: string) {
  const { rows } = await getTestPool().query(
    `SELECT s.order_count, s.lifetime_spend::int AS spend FROM customers c
     JOIN customer_stats s ON s.customer_id = c.id WHERE c.store_id = $1 AND c.external_id = $2`,
    [storeId, externalId],
  );
  return rows[0];
}

describe('applying a batch of order events', () => {
  it('sends the whole transaction in one round trip, and a retry that finds some applied takes the long way', async () => {
    const [a, b, c] = await stored([
      orderEvent('batch-a', 1_000),
      orderEvent('batch-b', 2_000),
      orderEvent('batch-a', 3_000),
    ]);
    const first = countingPool(getTestPool());
    const applied = await applyBatch(first.pool, [a!, b!], () => true);
    expect(first.counter.queries).toBe(1); // BEGIN, lock, applies (each marking its event), facts, COMMIT
    expect(applied.customers.size).toBe(2);
    // Marked with their customers, and the facts read after the applies.
    const { rows: marked } = await getTestPool().query(
      'SELECT id, customer_id FROM events WHERE id = ANY($1) AND processed_at IS NOT NULL ORDER BY id',
      [[a!.id, b!.id]],
    );
    expect(marked.map((r) => Number(r.customer_id))).toEqual([a, b].map((e) => applied.customers.get(e!.id)));
    const facts = applied.facts.get(a!.storeId)!;
    expect(facts.get(applied.customers.get(a!.id)!)?.lifetime_spend).toBe('1000');
    expect(facts.size).toBe(2);

    // A retry of a and b together with c: the bet is lost (a and b are applied), rolled back, and
    // the long way applies c only; a and b keep their customers.
    const retry = countingPool(getTestPool());
    const again = await applyBatch(retry.pool, [a!, b!, c!]);
    expect(retry.counter.queries).toBeGreaterThan(2);
    expect(again.customers.get(a!.id)).toBe(applied.customers.get(a!.id));
    expect(again.customers.get(c!.id)).toBe(applied.customers.get(a!.id));
    expect(await statsOf('batch-a')).toEqual({ order_count: 2, spend: 4_000 });
    expect(await statsOf('batch-b')).toEqual({ order_count: 1, spend: 2_000 });
    const { rows } = await getTestPool().query(
      `SELECT count(*)::int AS n FROM events WHERE id = ANY($1) AND processed_at IS NOT NULL`,
      [[a!.id, b!.id, c!.id]],
    );
    expect(rows[0].n).toBe(3);
  });
});
