import type { ActionContext, ActionPorts } from '@segflow/engine';
import type pg from 'pg';
import { ledgeredStatement } from './ledgered-statement';

const customerWhere = 'store_id = $1 AND id = $7::bigint AND EXISTS (SELECT 1 FROM ledger)';

/** The JSON type of an attribute value, recorded with it (conditions compare by type). */
function attributeType(value: unknown): string {
  return value === null ? 'null' : typeof value;
}

/**
 * What each profile action answers for the trace (and its ledger row), from the facts the run saw.
 * Shared with sealed runs (worker/sealed-runs.ts), which answer the same without a statement.
 */
export const profileOutputs = {
  assignGroup: (ctx: ActionContext, { group }: { group: string }) => ({
    group,
    previous: ctx.customer.group,
  }),
  addTags: (_ctx: ActionContext, { tags }: { tags: string[] }) => ({ tags }),
  removeTags: (_ctx: ActionContext, { tags }: { tags: string[] }) => ({ tags }),
  setAttribute: (ctx: ActionContext, { key, value }: { key: string; value: unknown }) => ({
    key,
    value,
    type: attributeType(value),
    previous: ctx.customer.attributes[key] ?? null,
  }),
};

/**
 * The customer-profile actions: group (created in `customer_groups` on first use), tags (a set),
 * attributes (typed JSON values). Each update commits in one statement with its ledger row.
 */
export function createCustomerActions(
  pool: pg.Pool,
): Pick<ActionPorts, 'assignGroup' | 'addTags' | 'removeTags' | 'setAttribute'> {
  return {
    assignGroup: (ctx, { group }) =>
      ledgeredStatement(
        pool,
        ctx,
        'action.assign_group',
        profileOutputs.assignGroup(ctx, { group }),
        {
          effect: `UPDATE customers SET group_name = $6, updated_at = now() WHERE ${customerWhere} RETURNING id`,
          new_group: `INSERT INTO customer_groups (store_id, name) SELECT $1, $6 WHERE EXISTS (SELECT 1 FROM ledger)
                      ON CONFLICT (store_id, name) DO NOTHING RETURNING id`,
        },
        [group, ctx.customerId],
      ),
    addTags: (ctx, { tags }) =>
      ledgeredStatement(
        pool,
        ctx,
        'action.add_tags',
        profileOutputs.addTags(ctx, { tags }),
        {
          effect: `UPDATE customers SET tags = ARRAY(SELECT DISTINCT unnest(tags || $6::text[]) ORDER BY 1), updated_at = now()
                   WHERE ${customerWhere} RETURNING id`,
        },
        [tags, ctx.customerId],
      ),
    removeTags: (ctx, { tags }) =>
      ledgeredStatement(
        pool,
        ctx,
        'action.remove_tags',
        profileOutputs.removeTags(ctx, { tags }),
        {
          effect: `UPDATE customers SET tags = ARRAY(SELECT t FROM unnest(tags) t WHERE t <> ALL($6::text[])), updated_at = now()
                   WHERE ${customerWhere} RETURNING id`,
        },
        [tags, ctx.customerId],
      ),
    setAttribute: (ctx, { key, value }) =>
      ledgeredStatement(
        pool,
        ctx,
        'action.set_attribute',
        profileOutputs.setAttribute(ctx, { key, value }),
        {
          effect: `UPDATE customers SET attributes = attributes || jsonb_build_object($6::text, $8::jsonb), updated_at = now()
                   WHERE ${customerWhere} RETURNING id`,
        },
        [key, ctx.customerId, JSON.stringify(value ?? null)],
      ),
  };
}
