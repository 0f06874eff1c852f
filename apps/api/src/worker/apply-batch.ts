import type { StoreEvent } from '@segflow/schema';
import type pg from 'pg';
import { named, namedExecutor } from '../db/named-statement';
import { applyEvent } from './apply-event';

/** A stored event to apply: its row id, store and parsed body. */
export interface EventToApply {
  id: number;
  storeId: string;
  event: StoreEvent;
}

/** The customer an event concerns, as its key in the payload (external id, else the cart's email). */
export function customerKey(e: StoreEvent): string {
  const c = (e as { customer?: { externalId?: string } }).customer;
  return c?.externalId ?? `email:${((e as { email?: string }).email ?? '').toLowerCase()}`;
}

/**
 * Applies a claimed batch of events in ONE transaction: the event rows are locked (`FOR UPDATE`),
 * those already applied by an earlier attempt are left alone, the others are applied and marked
 * `processed_at` in a single statement. Events of one customer are applied in id order; the batch
 * is ordered by customer key, so two batches lock shared customers in the same order. Returns the
 * customer id of every event of the batch (applied now or before). Statements are named (planned
 * once per connection): these run for every event.
 */
export async function applyBatch(pool: pg.Pool, batch: EventToApply[]): Promise<Map<number, number>> {
  const out = new Map<number, number>();
  if (batch.length === 0) return out;
  const ordered = [...batch].sort((a, b) => {
    const ka = `${a.storeId}\u0000${customerKey(a.event)}`;
    const kb = `${b.storeId}\u0000${customerKey(b.event)}`;
    return ka < kb ? -1 : ka > kb ? 1 : a.id - b.id;
  });
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const tx = namedExecutor(client);
    const locked = await client.query<{ id: string; customer_id: string | null; processed_at: Date | null }>(
      named(lockSql, [batch.map((b) => b.id)]),
    );
    const done = new Map(
      locked.rows.filter((r) => r.processed_at).map((r) => [Number(r.id), Number(r.customer_id)]),
    );
    const applied: { id: number; customer_id: number }[] = [];
    for (const item of ordered) {
      const before = done.get(item.id);
      if (before !== undefined) {
        out.set(item.id, before);
        continue;
      }
      const { customerId } = await applyEvent(tx, item.storeId, item.event);
      out.set(item.id, customerId);
      applied.push({ id: item.id, customer_id: customerId });
    }
    if (applied.length > 0) await client.query(named(markSql, [JSON.stringify(applied)]));
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    client.release();
  }
  return out;
}

const lockSql = `SELECT id, customer_id, processed_at FROM events WHERE id = ANY($1::bigint[]) ORDER BY id FOR UPDATE`;
const markSql = `
UPDATE events e SET processed_at = now(), customer_id = x.customer_id
FROM jsonb_to_recordset($1::jsonb) AS x(id bigint, customer_id bigint)
WHERE e.id = x.id`;
