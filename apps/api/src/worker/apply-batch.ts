import type { StoreEvent } from '@segflow/schema';
import type pg from 'pg';
import { named, namedExecutor } from '../db/named-statement';
import { type PipelinedStatement, runPipelined } from '../db/pipelined-statements';
import { type FactsRow, factsSelect } from './customer-facts';
import { applyEvent } from './apply-event';
import { orderOnlyStatement } from './apply-order';

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

/** What applying a batch produced: each event's customer, and the facts rows asked for. */
export interface AppliedBatch {
  /** Customer id per event row id (applied now or before). */
  customers: Map<number, number>;
  /** Facts rows (by store, then customer id) of the events `wantsFacts` chose, read before COMMIT. */
  facts: Map<string, Map<number, FactsRow>>;
}

/**
 * Applies a claimed batch of events in ONE transaction: the event rows are locked (`FOR UPDATE`),
 * those already applied by an earlier attempt are left alone, the others are applied and marked
 * `processed_at` in a single statement. Events of one customer are applied in id order; the batch
 * is ordered by customer key, so two batches lock shared customers in the same order. Returns the
 * customer id of every event of the batch (applied now or before) and, read inside the same
 * transaction, the facts rows of the customers whose events `wantsFacts` (the ones to route).
 * Round trips are what an event costs here, so the transaction opens with its lock and closes
 * with its mark and facts reads, each one simple query (ids and store ids as escaped literals);
 * the per-event upserts are named prepared statements, and those of order events (one statement
 * each) are sent together in one round trip (pipelined-statements.ts). A batch of orders of one
 * store sends its whole transaction in that round trip, betting that none is applied yet.
 */
export async function applyBatch(
  pool: pg.Pool,
  batch: EventToApply[],
  wantsFacts: (item: EventToApply) => boolean = () => false,
): Promise<AppliedBatch> {
  const out: AppliedBatch = { customers: new Map(), facts: new Map() };
  if (batch.length === 0) return out;
  const ordered = [...batch].sort((a, b) => {
    const ka = `${a.storeId}\u0000${customerKey(a.event)}`;
    const kb = `${b.storeId}\u0000${customerKey(b.event)}`;
    return ka < kb ? -1 : ka > kb ? 1 : a.id - b.id;
  });
  const client = await pool.connect();
  try {
    const ids = batch.map((b) => b.id);
    // A batch of orders of one store (the usual one) is applied in ONE round trip: BEGIN, the lock,
    // every apply (each marking its event), the facts read and COMMIT, betting that no event of it
    // is applied yet. Lost (an earlier attempt applied one: the lock waited for it and shows it),
    // the check after the lock fails the transaction before any apply, and the batch takes the
    // long way below, which skips those events.
    const oneStore = new Set(batch.map((b) => b.storeId)).size === 1;
    const marking = oneStore ? ordered.map((item) => oneStatementApply(item, true)) : [];
    if (oneStore && marking.every((s) => s !== null)) {
      const factIds = ordered.filter(wantsFacts).map((item) => item.id);
      const results = await runPipelined(client, [
        beginStatement,
        lockCheckStatement(ids),
        ...(marking as PipelinedStatement[]),
        factsOfEventsStatement(batch[0]!.storeId, factIds),
        commitStatement,
      ]).catch(async (error: unknown) => {
        await client.query('ROLLBACK');
        if ((error as { code?: string }).code === '22012') return null; // the bet is lost
        throw error;
      });
      if (results) {
        ordered.forEach((item, i) => {
          out.customers.set(item.id, Number(results[i + 2]![0]!.customer_id));
        });
        const facts = results[results.length - 2] as unknown as FactsRow[];
        if (factIds.length > 0)
          out.facts.set(batch[0]!.storeId, new Map(facts.map((row) => [Number(row.id), row])));
        return out;
      }
    }
    // A simple query of several statements answers one result per statement (pg's types model one).
    const locked = ((await client.query(`BEGIN; ${lockSql(ids)}`)) as unknown as pg.QueryResult[])[1]!
      .rows as LockedRow[];
    const done = new Map(
      locked.filter((r) => r.processed_at).map((r) => [Number(r.id), Number(r.customer_id)]),
    );
    const statements = ordered.map((item) => oneStatementApply(item));
    const tx = namedExecutor(client);
    const applied: { id: number; customer_id: number }[] = [];
    const factsOf = new Map<string, Set<number>>();
    const settle = (item: EventToApply, customerId: number) => {
      out.customers.set(item.id, customerId);
      if (!done.has(item.id)) applied.push({ id: item.id, customer_id: customerId });
      if (!wantsFacts(item)) return;
      const ids = factsOf.get(item.storeId) ?? new Set<number>();
      factsOf.set(item.storeId, ids.add(customerId));
    };
    // Events whose apply is one statement wait here and go together, in one round trip; any
    // other event first sends them, so a customer's events are still applied in order.
    const pending: { item: EventToApply; statement: PipelinedStatement }[] = [];
    const sendPending = async () => {
      const results = await runPipelined(
        client,
        pending.map((p) => p.statement),
      );
      pending.forEach((p, i) => {
        settle(p.item, Number(results[i]![0]!.customer_id));
      });
      pending.length = 0;
    };
    for (const [i, item] of ordered.entries()) {
      const doneId = done.get(item.id);
      if (doneId !== undefined) {
        settle(item, doneId);
        continue;
      }
      const statement = statements[i];
      if (statement) {
        pending.push({ item, statement });
        continue;
      }
      await sendPending();
      settle(item, (await applyEvent(tx, item.storeId, item.event)).customerId);
    }
    await sendPending();
    const closing = [
      ...(applied.length > 0 ? [markSql(applied)] : []),
      ...[...factsOf].map(([storeId, ids]) => factsSql(client, storeId, [...ids])),
      'COMMIT',
    ];
    const closed = (await client.query(closing.join(';\n'))) as unknown as pg.QueryResult | pg.QueryResult[];
    // The facts reads are the results just before COMMIT's, one per store in factsOf's order.
    const factsResults = (Array.isArray(closed) ? closed : [closed]).slice(-1 - factsOf.size, -1);
    [...factsOf.keys()].forEach((storeId, i) => {
      const rows = factsResults[i]!.rows as FactsRow[];
      out.facts.set(storeId, new Map(rows.map((row) => [Number(row.id), row])));
    });
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    client.release();
  }
  return out;
}

/**
 * An order event's apply when it is one statement with nothing after it (see orderOnlyStatement);
 * with `mark`, the statement also marks the event applied.
 */
function oneStatementApply({ id, storeId, event }: EventToApply, mark = false): PipelinedStatement | null {
  if (event.type !== 'order.created' && event.type !== 'order.status_changed') return null;
  const query = orderOnlyStatement(
    storeId,
    event.customer,
    new Date(event.occurredAt),
    event.order,
    mark ? id : undefined,
  );
  if (!query) return null;
  const config = named(query.text, query.values);
  return config.name ? { name: config.name, text: query.text, values: query.values } : null;
}

/** Row ids are integers: safe to inline as an array literal. */
const idArray = (ids: number[]) => `'{${ids.map((id) => Math.trunc(id)).join(',')}}'::bigint[]`;

interface LockedRow {
  id: string;
  customer_id: string | null;
  processed_at: Date | null;
}

const lockSql = (ids: number[]) =>
  `SELECT id, customer_id, processed_at FROM events WHERE id = ANY(${idArray(ids)}) ORDER BY id FOR UPDATE`;

const beginStatement: PipelinedStatement = { name: 'segflow_begin', text: 'BEGIN', values: [] };
const commitStatement: PipelinedStatement = { name: 'segflow_commit', text: 'COMMIT', values: [] };

/**
 * Locks the batch's event rows and fails (division by zero, 22012: no apply statement can raise
 * it) when one of them is applied already: the transaction then skips everything up to COMMIT.
 */
const lockCheckStatement = (ids: number[]): PipelinedStatement => ({
  name: 'segflow_lock_unapplied_events',
  text: `SELECT 1 / (count(*) FILTER (WHERE processed_at IS NOT NULL) = 0)::int AS fresh
         FROM (SELECT processed_at FROM events WHERE id = ANY($1::bigint[]) ORDER BY id FOR UPDATE) locked`,
  values: [ids],
});

/** The facts rows of the customers of the given (just marked) events of one store. */
const factsOfEventsStatement = (storeId: string, ids: number[]): PipelinedStatement => ({
  name: 'segflow_facts_of_events',
  text: `${factsSelect} WHERE c.store_id = $1 AND c.id = ANY(ARRAY(SELECT customer_id FROM events WHERE id = ANY($2::bigint[])))`,
  values: [storeId, ids],
});

const markSql = (applied: { id: number; customer_id: number }[]) => `
UPDATE events e SET processed_at = now(), customer_id = x.customer_id
FROM unnest(${idArray(applied.map((a) => a.id))}, ${idArray(applied.map((a) => a.customer_id))}) AS x(id, customer_id)
WHERE e.id = x.id`;

const factsSql = (client: pg.PoolClient, storeId: string, ids: number[]) =>
  `${factsSelect} WHERE c.store_id = ${client.escapeLiteral(storeId)} AND c.id = ANY(${idArray(ids)})`;
