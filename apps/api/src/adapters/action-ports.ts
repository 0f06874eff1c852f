import type { ActionPorts } from '@segflow/engine';
import type pg from 'pg';
import { createCouponActions } from '../coupons/coupon-actions';
import { createMailActions } from '../mail/mail-actions';
import { createWebhookActions } from '../webhooks/webhook-actions';
import { createCustomerActions } from './customer-actions';
import { type DeliveryConfig, deliveryConfigFromEnv } from './delivery-config';

/**
 * The engine's action ports over Postgres. Each database effect commits together with its ledger
 * row (unique per run + node); external effects (SMTP, HTTP) are outbox rows written in that same
 * statement and delivered by graphile-worker jobs with retries.
 *
 * `localPool` takes the effects that never leave our database (group, tags, attributes): the
 * worker passes its asynchronous-commit pool there (see async-commit-pool.ts), so an event's
 * action does not wait for its own WAL flush; the job's synchronous completion, which comes after
 * it in the WAL, makes it durable. Effects that something outside may act on before that flush
 * (outbox rows, coupons) stay on `pool`, committed synchronously.
 */
export function createActionPorts(
  pool: pg.Pool,
  config: DeliveryConfig = deliveryConfigFromEnv(),
  localPool: pg.Pool = pool,
): ActionPorts {
  return {
    ...createCustomerActions(localPool),
    ...createCouponActions(pool),
    ...createMailActions(pool, config),
    ...createWebhookActions(pool),
  };
}
