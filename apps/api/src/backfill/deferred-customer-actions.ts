import type { ActionContext, ActionOutcome, ActionPorts } from '@segflow/engine';
import type pg from 'pg';

type Op =
  | { kind: 'group'; value: string }
  | { kind: 'add_tags' | 'remove_tags'; value: string[] }
  | { kind: 'attribute'; key: string; value: unknown };

interface Deferred {
  ctx: ActionContext;
  op: Op;
  result: Record<string, unknown>;
}

const actionType = {
  group: 'action.assign_group',
  add_tags: 'action.add_tags',
  remove_tags: 'action.remove_tags',
  attribute: 'action.set_attribute',
} as const;

const effectSql: Record<Op['kind'], string> = {
  group: "group_name = x.value #>> '{}'",
  add_tags:
    'tags = ARRAY(SELECT DISTINCT unnest(c.tags || ARRAY(SELECT jsonb_array_elements_text(x.value))) ORDER BY 1)',
  remove_tags:
    'tags = ARRAY(SELECT t FROM unnest(c.tags) t WHERE t <> ALL(ARRAY(SELECT jsonb_array_elements_text(x.value))))',
  attribute: 'attributes = c.attributes || jsonb_build_object(x.key, x.value)',
};

/**
 * Customer-profile ports for a backfill batch: the engine's calls are collected, then `flush`
 * writes them per kind in ONE statement each — ledger rows and effects together, gated by the
 * ledger insert, exactly as the one-by-one ports do. Customers with several profile actions in
 * the batch are replayed through the immediate ports in their original order instead. The batch
 * records its runs as finished only after `flush`, so a crash in between re-runs them (ledger dedupes).
 */
export function deferCustomerActions(pool: pg.Pool, immediate: ActionPorts) {
  const pending: Deferred[] = [];
  const defer = (ctx: ActionContext, op: Op, result: Record<string, unknown>): Promise<ActionOutcome> => {
    pending.push({ ctx, op, result });
    return Promise.resolve({ status: 'done', output: result });
  };
  const ports: ActionPorts = {
    ...immediate,
    assignGroup: (ctx, { group }) =>
      defer(ctx, { kind: 'group', value: group }, { group, previous: ctx.customer.group }),
    addTags: (ctx, { tags }) => defer(ctx, { kind: 'add_tags', value: tags }, { tags }),
    removeTags: (ctx, { tags }) => defer(ctx, { kind: 'remove_tags', value: tags }, { tags }),
    setAttribute: (ctx, { key, value }) => defer(ctx, { kind: 'attribute', key, value }, { key, value }),
  };

  async function flush(storeId: string): Promise<void> {
    const perCustomer = new Map<string, number>();
    for (const d of pending) perCustomer.set(d.ctx.customerId, (perCustomer.get(d.ctx.customerId) ?? 0) + 1);
    const single = pending.filter((d) => perCustomer.get(d.ctx.customerId) === 1);
    for (const kind of Object.keys(effectSql) as Op['kind'][]) {
      const rows = single
        .filter((d) => d.op.kind === kind)
        .map((d) => ({
          run_id: d.ctx.runId,
          node_id: d.ctx.nodeId,
          customer_id: d.ctx.customerId,
          key: 'key' in d.op ? d.op.key : null,
          value: d.op.value ?? null,
          result: d.result,
        }));
      if (rows.length > 0) await flushKind(pool, storeId, kind, rows);
    }
    for (const d of pending.filter((p) => perCustomer.get(p.ctx.customerId)! > 1)) {
      const op = d.op;
      if (op.kind === 'group') await immediate.assignGroup(d.ctx, { group: op.value });
      else if (op.kind === 'attribute') await immediate.setAttribute(d.ctx, { key: op.key, value: op.value });
      else if (op.kind === 'add_tags') await immediate.addTags(d.ctx, { tags: op.value });
      else await immediate.removeTags(d.ctx, { tags: op.value });
    }
    pending.length = 0;
  }

  return { ports, flush };
}

async function flushKind(pool: pg.Pool, storeId: string, kind: Op['kind'], rows: unknown[]): Promise<void> {
  const groups =
    kind === 'group'
      ? `, groups AS (INSERT INTO customer_groups (store_id, name) SELECT DISTINCT $1, x.value #>> '{}' FROM x
           JOIN ledger l ON l.run_id = x.run_id AND l.node_id = x.node_id ON CONFLICT (store_id, name) DO NOTHING RETURNING id)`
      : '';
  await pool.query(
    `WITH x AS (
       SELECT * FROM jsonb_to_recordset($2::jsonb) AS x(run_id uuid, node_id text, customer_id bigint, key text, value jsonb, result jsonb)
     ), ledger AS (
       INSERT INTO action_executions (store_id, run_id, node_id, action_type, status, result)
       SELECT $1, run_id, node_id, $3, 'done', result FROM x
       ON CONFLICT (run_id, node_id) DO NOTHING RETURNING run_id, node_id
     ), effect AS (
       UPDATE customers c SET ${effectSql[kind]}, updated_at = now()
       FROM x JOIN ledger l ON l.run_id = x.run_id AND l.node_id = x.node_id
       WHERE c.store_id = $1 AND c.id = x.customer_id RETURNING c.id
     )${groups}
     SELECT (SELECT count(*) FROM effect) AS affected`,
    [storeId, JSON.stringify(rows), actionType[kind]],
  );
}
