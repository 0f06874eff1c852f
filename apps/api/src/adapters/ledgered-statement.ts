import type { ActionContext, ActionOutcome } from '@segflow/engine';
import type pg from 'pg';
import { named } from '../db/named-statement';

/**
 * Like `ledgeredEffect`, for effects that need several data-modifying CTEs (a coupon AND an email
 * AND a job): the ledger row (unique per run + node) and every CTE commit as ONE statement. Each
 * CTE must be gated on `EXISTS (SELECT 1 FROM ledger)`; parameters start at `$6`. A replay
 * (ledger conflict) changes nothing and answers `replayed: true`.
 */
export async function ledgeredStatement(
  pool: pg.Pool,
  ctx: ActionContext,
  actionType: string,
  output: Record<string, unknown>,
  ctes: Record<string, string>,
  params: unknown[],
): Promise<ActionOutcome> {
  const names = Object.keys(ctes);
  const body = names.map((name) => `, ${name} AS (${ctes[name]})`).join('\n');
  const counts = names.map((name) => `, (SELECT count(*) FROM ${name}) AS ${name}_n`).join('');
  const { rows } = await pool.query<{ inserted: string }>(
    named(
      `WITH ledger AS (
       INSERT INTO action_executions (store_id, run_id, node_id, action_type, status, result)
       VALUES ($1, $2, $3, $4, 'done', $5::jsonb)
       ON CONFLICT (run_id, node_id) DO NOTHING RETURNING id
     )${body}
     SELECT (SELECT count(*) FROM ledger) AS inserted${counts}`,
      [ctx.storeId, ctx.runId, ctx.nodeId, actionType, JSON.stringify(output), ...params],
    ),
  );
  if (Number(rows[0]?.inserted) === 0) return { status: 'done', output: { ...output, replayed: true } };
  return { status: 'done', output };
}

/**
 * Records an action that could not (`failed`) or should not (`skipped`) do its work (bad template, refused URL, no address) as
 * `failed` in the ledger with the reason, and lets the run go on: the step shows as skipped with
 * the same reason, so nothing is skipped silently and a retry never re-attempts it.
 */
export async function ledgeredFailure(
  pool: pg.Pool,
  ctx: ActionContext,
  actionType: string,
  reason: string,
  status: 'failed' | 'skipped' = 'failed',
): Promise<ActionOutcome> {
  await pool.query(
    `INSERT INTO action_executions (store_id, run_id, node_id, action_type, status, result)
     VALUES ($1, $2, $3, $4, $6, $5::jsonb) ON CONFLICT (run_id, node_id) DO NOTHING`,
    [ctx.storeId, ctx.runId, ctx.nodeId, actionType, JSON.stringify({ reason }), status],
  );
  return { status: 'skipped', reason };
}
