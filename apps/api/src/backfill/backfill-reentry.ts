import type { Reentry } from '@segflow/schema';
import type pg from 'pg';

/**
 * The trigger's re-entry policy over a batch: which customers already ran this workflow (outside
 * this backfill), each with the reason its run is skipped. One query per batch.
 */
export async function blockedByReentry(
  pool: pg.Pool,
  key: { storeId: string; workflowId: string; eventId: number },
  customerIds: number[],
  reentry: Reentry,
): Promise<Map<number, string>> {
  const blocked = new Map<number, string>();
  if (reentry === 'always' || customerIds.length === 0) return blocked;
  const days = reentry === 'once' ? null : reentry.days;
  const { rows } = await pool.query<{ customer_id: string }>(
    `SELECT DISTINCT customer_id FROM runs WHERE store_id = $1 AND workflow_id = $2 AND customer_id = ANY($3::bigint[])
       AND status IN ('running', 'waiting', 'completed') AND event_id IS DISTINCT FROM $4
       AND ($5::int IS NULL OR started_at > now() - make_interval(days => $5::int))`,
    [key.storeId, key.workflowId, customerIds, key.eventId, days],
  );
  const reason =
    days === null
      ? 're-entry: this customer already ran this workflow (once per customer)'
      : `re-entry: this customer ran this workflow within the last ${days} days`;
  for (const row of rows) blocked.set(Number(row.customer_id), reason);
  return blocked;
}
