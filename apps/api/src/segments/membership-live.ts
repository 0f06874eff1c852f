import type { CustomerFacts } from '@segflow/engine';
import type pg from 'pg';
import { loadCustomerFacts } from '../worker/customer-facts';
import { type CompiledSegment, storeSegments } from './segment-cache';
import { emitChangesSql } from './segment-events';

/** What caused a live re-evaluation: the applied event's row id and causal depth. */
export interface LiveCause {
  eventRowId: number;
  depth: number;
}

type Queryable = Pick<pg.Pool, 'query'>;

async function verdicts(db: Queryable, storeId: string, customerId: number, segments: CompiledSegment[]) {
  const needs = {
    purchases: segments.some((s) => s.needs.purchases),
    segments: true,
  };
  // The worker's loader reads through `query` only; a transaction's client serves it as well.
  const facts = await loadCustomerFacts(db as pg.Pool, storeId, customerId, needs);
  if (!facts) return null;
  const ctx = { now: new Date(), event: null };
  const current = new Set(facts.segmentIds ?? []);
  const enter: string[] = [];
  const exit: string[] = [];
  for (const segment of segments) {
    const matches = segment.predicate(facts as CustomerFacts, ctx);
    if (matches && !current.has(segment.id)) enter.push(segment.id);
    if (!matches && current.has(segment.id)) exit.push(segment.id);
  }
  return { enter, exit };
}

const applySql = `
WITH del AS (
  DELETE FROM segment_memberships WHERE store_id = $1 AND customer_id = $2 AND segment_id = ANY($3::uuid[])
  RETURNING segment_id
), ins AS (
  INSERT INTO segment_memberships (store_id, segment_id, customer_id)
  SELECT $1, sg.id, $2 FROM segments sg WHERE sg.store_id = $1 AND sg.id = ANY($4::uuid[])
  ON CONFLICT DO NOTHING RETURNING segment_id
), changes AS (
  SELECT 'segment.exited' AS type, segment_id, $2::bigint AS customer_id FROM del
  UNION ALL SELECT 'segment.entered', segment_id, $2::bigint FROM ins
)${emitChangesSql({ store: '$1', cause: '$5::text', depth: '$6::int', emit: 'true' })}
SELECT (SELECT count(*) FROM emitted) AS emitted, (SELECT count(*) FROM jobs) AS jobs`;

/**
 * Live membership: re-evaluates one customer against every segment of the store with the cached
 * JS predicates, after the event was applied. Fast path: nothing changed, no transaction. On a
 * change, it takes a per-customer advisory lock, re-reads the facts under it (so concurrent events
 * of the same customer settle on the latest state), then moves memberships and emits
 * `segment.entered` / `segment.exited` (+ their jobs) in one statement. Idempotent under retries.
 */
export async function refreshCustomerSegments(
  pool: pg.Pool,
  storeId: string,
  customerId: number,
  cause: LiveCause,
): Promise<{ entered: string[]; exited: string[] }> {
  const segments = await storeSegments(pool, storeId);
  if (segments.length === 0) return { entered: [], exited: [] };
  const first = await verdicts(pool, storeId, customerId, segments);
  if (!first || (first.enter.length === 0 && first.exit.length === 0)) return { entered: [], exited: [] };
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock(hashtext($1), $2::int)', [
      storeId,
      customerId % 2 ** 31,
    ]);
    const diff = await verdicts(client, storeId, customerId, segments);
    if (diff && (diff.enter.length > 0 || diff.exit.length > 0)) {
      await client.query(applySql, [
        storeId,
        customerId,
        diff.exit,
        diff.enter,
        `e${cause.eventRowId}`,
        cause.depth + 1,
      ]);
    }
    await client.query('COMMIT');
    return { entered: diff?.enter ?? [], exited: diff?.exit ?? [] };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}
