import type { ActionPorts } from '@segflow/engine';
import type pg from 'pg';
import { ledgeredEffect, ledgeredSkip } from './action-ledger';

const NOT_YET = 'not implemented yet';

/**
 * The engine's action ports over Postgres. Each database effect commits together with its ledger
 * row. Actions beyond the thin slice answer a recorded skip until their issue lands.
 */
export function createActionPorts(pool: pg.Pool): ActionPorts {
  return {
    assignGroup: (ctx, { group }) =>
      ledgeredEffect(
        pool,
        ctx,
        'action.assign_group',
        { group, previous: ctx.customer.group },
        `UPDATE customers SET group_name = $6, updated_at = now()
         WHERE store_id = $1 AND id = $7::bigint AND EXISTS (SELECT 1 FROM ledger) RETURNING id`,
        [group, ctx.customerId],
      ),
    addTags: (ctx, { tags }) =>
      ledgeredEffect(
        pool,
        ctx,
        'action.add_tags',
        { tags },
        `UPDATE customers SET tags = ARRAY(SELECT DISTINCT unnest(tags || $6::text[]) ORDER BY 1), updated_at = now()
         WHERE store_id = $1 AND id = $7::bigint AND EXISTS (SELECT 1 FROM ledger) RETURNING id`,
        [tags, ctx.customerId],
      ),
    removeTags: (ctx, { tags }) =>
      ledgeredEffect(
        pool,
        ctx,
        'action.remove_tags',
        { tags },
        `UPDATE customers SET tags = ARRAY(SELECT t FROM unnest(tags) t WHERE t <> ALL($6::text[])), updated_at = now()
         WHERE store_id = $1 AND id = $7::bigint AND EXISTS (SELECT 1 FROM ledger) RETURNING id`,
        [tags, ctx.customerId],
      ),
    setAttribute: (ctx, { key, value }) =>
      ledgeredEffect(
        pool,
        ctx,
        'action.set_attribute',
        { key, value },
        `UPDATE customers SET attributes = attributes || jsonb_build_object($6::text, $8::jsonb), updated_at = now()
         WHERE store_id = $1 AND id = $7::bigint AND EXISTS (SELECT 1 FROM ledger) RETURNING id`,
        [key, ctx.customerId, JSON.stringify(value ?? null)],
      ),
    sendEmail: (ctx) => ledgeredSkip(pool, ctx, 'action.send_email', NOT_YET),
    createCoupon: (ctx) => ledgeredSkip(pool, ctx, 'action.create_coupon', NOT_YET),
    httpRequest: (ctx) => ledgeredSkip(pool, ctx, 'action.http_request', NOT_YET),
    notifyTeam: (ctx) => ledgeredSkip(pool, ctx, 'action.notify_team', NOT_YET),
  };
}
