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
 */
export function createActionPorts(
  pool: pg.Pool,
  config: DeliveryConfig = deliveryConfigFromEnv(),
): ActionPorts {
  return {
    ...createCustomerActions(pool),
    ...createCouponActions(pool),
    ...createMailActions(pool, config),
    ...createWebhookActions(pool),
  };
}
