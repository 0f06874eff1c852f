import type { ActionContext, ActionOutcome } from '@segflow/engine';
import type pg from 'pg';
import { named } from '../db/named-statement';

/**
 * Runs an action's database effect and its `action_executions` row as ONE statement: the ledger
 * insert (unique per run + node) gates the effect CTE, so a retry or a crash never doubles it.
 * `effectSql` is a data-modifying CTE body that must reference `ledger` (e.g. `WHERE EXISTS
 * (SELECT 1 FROM ledger)`); its parameters start at `$6`.
 */
export async function ledgeredEffect(
  pool: pg.Pool,
  ctx: ActionContext,
  actionType: string,
  output: unknown,
  effectSql: string,
  params: unknown[],
): Promise<ActionOutcome> {
  const { rows } = await pool.query<{ inserted: string }>(
    named(
      `WITH ledger AS (
       INSERT INTO action_executions (store_id, run_id, node_id, action_type, status, result)
       VALUES ($1, $2, $3, $4, 'done', $5::jsonb)
       ON CONFLICT (run_id, node_id) DO NOTHING RETURNING id
     ), effect AS (${effectSql})
     SELECT (SELECT count(*) FROM ledger) AS inserted, (SELECT count(*) FROM effect) AS affected`,
      [ctx.storeId, ctx.runId, ctx.nodeId, actionType, JSON.stringify(output ?? null), ...params],
    ),
  );
  if (Number(rows[0]?.inserted) === 0)
    return { status: 'done', output: { ...(output as object), replayed: true } };
  return { status: 'done', output };
}

/** Records a skipped action in the ledger (so a replay sees the same outcome) and returns it. */
export async function ledgeredSkip(
  pool: pg.Pool,
  ctx: ActionContext,
  actionType: string,
  reason: string,
): Promise<ActionOutcome> {
  await pool.query(
    `INSERT INTO action_executions (store_id, run_id, node_id, action_type, status, result)
     VALUES ($1, $2, $3, $4, 'skipped', $5::jsonb) ON CONFLICT (run_id, node_id) DO NOTHING`,
    [ctx.storeId, ctx.runId, ctx.nodeId, actionType, JSON.stringify({ reason })],
  );
  return { status: 'skipped', reason };
}
