import type pg from 'pg';
import type { DeliveryConfig } from '../adapters/delivery-config';
import { loadStoreSettings } from '../adapters/store-settings';
import { generateCouponCode } from '../coupons/coupon-code';
import { AppError } from '../errors';
import { loadCustomerFacts } from '../worker/customer-facts';
import { renderEmail, TemplateError } from './templates';
import { templateVariables } from './template-variables';

/**
 * Renders an email for one customer (by id or external id) with the customer's latest order and
 * a sample coupon; nothing is written. A bad template is a 400 naming the field and the line.
 */
export async function previewEmail(
  pool: pg.Pool,
  config: DeliveryConfig,
  storeId: string,
  input: { subject: string; body: string; customerId: number | string },
) {
  const { rows } = await pool.query<{ id: string }>(
    `SELECT id::text FROM customers WHERE store_id = $1 AND (external_id = $2::text OR ($2 ~ '^[0-9]{1,18}$' AND id = $2::bigint))
     ORDER BY (external_id = $2::text) DESC LIMIT 1`,
    [storeId, String(input.customerId)],
  );
  const customer =
    rows[0] && (await loadCustomerFacts(pool, storeId, rows[0].id, { purchases: false, segments: false }));
  if (!customer) throw new AppError('customer_not_found', `Customer ${input.customerId} does not exist`);
  const store = await loadStoreSettings(pool, storeId);
  const order = await pool.query(
    `SELECT external_id AS "externalId", total::float8 AS total, currency, status, channel, coupon_code AS "couponCode", created_at AS "createdAt"
     FROM orders WHERE store_id = $1 AND customer_id = $2 ORDER BY created_at DESC LIMIT 1`,
    [storeId, customer.id],
  );
  const coupon = {
    code: generateCouponCode('PREVIEW'),
    percentOff: 10,
    amountOff: null,
    expiresAt: new Date(Date.now() + 30 * 86_400_000).toISOString(),
  };
  const vars = templateVariables({
    customer,
    event: null,
    store: store!,
    coupon,
    unsubscribeUrl: `${config.publicUrl}/api/unsubscribe/preview`,
  });
  vars.order = order.rows[0] ?? null;
  try {
    const rendered = await renderEmail(input, vars);
    return { to: customer.email, ...rendered, acceptsMarketing: customer.acceptsMarketing === true };
  } catch (error) {
    if (error instanceof TemplateError)
      throw new AppError('validation_failed', `Template error in ${error.message}`, { field: error.field });
    throw error;
  }
}
