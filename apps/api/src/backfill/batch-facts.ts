import type { CustomerFacts, Plan } from '@segflow/engine';
import type pg from 'pg';
import { type FactsRow, factsSelect, loadCustomerFacts, toCustomerFacts } from '../worker/customer-facts';

/**
 * The facts of a whole batch of customers in one query (the customer row and its stats, as the
 * pipeline's loader reads them). Plans that need purchases or segments load per customer.
 */
export async function loadBatchFacts(
  pool: pg.Pool,
  storeId: string,
  ids: number[],
  needs: Plan['needs'],
): Promise<Map<number, CustomerFacts>> {
  const out = new Map<number, CustomerFacts>();
  if (ids.length === 0) return out;
  if (needs.purchases || needs.segments) {
    for (const id of ids) {
      const facts = await loadCustomerFacts(pool, storeId, id, needs);
      if (facts) out.set(id, facts);
    }
    return out;
  }
  const { rows } = await pool.query<FactsRow>(
    `${factsSelect} WHERE c.store_id = $1 AND c.id = ANY($2::bigint[])`,
    [storeId, ids],
  );
  for (const row of rows) out.set(Number(row.id), toCustomerFacts(row));
  return out;
}

/** The batch's run keys, opened in one statement: the run id of each customer that should run now. */
export async function openBatchRuns(
  pool: pg.Pool,
  key: { storeId: string; workflowId: string; versionId: string; eventId: number; triggerNodeId: string },
  ids: number[],
): Promise<Map<number, string>> {
  const toRun = new Map<number, string>();
  if (ids.length === 0) return toRun;
  const { rows } = await pool.query<{ id: string; customer_id: string; inserted: boolean }>(
    `WITH ins AS (
       INSERT INTO runs (store_id, workflow_id, workflow_version_id, event_id, customer_id, trigger_node_id, status, depth)
       SELECT $1, $2, $3, $4, x, $5, 'running', 0 FROM unnest($6::bigint[]) AS x
       ON CONFLICT (workflow_version_id, event_id, customer_id) DO NOTHING RETURNING id, customer_id
     )
     SELECT id, customer_id FROM ins
     UNION ALL
     SELECT id, customer_id FROM runs WHERE workflow_version_id = $3 AND event_id = $4 AND customer_id = ANY($6::bigint[])
       AND status = 'running'`,
    [key.storeId, key.workflowId, key.versionId, key.eventId, key.triggerNodeId, ids],
  );
  for (const r of rows) toRun.set(Number(r.customer_id), r.id);
  return toRun;
}
