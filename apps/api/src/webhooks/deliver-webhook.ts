import type pg from 'pg';
import type { DeliveryConfig } from '../adapters/delivery-config';
import { markSent, type Outbox, recordFailure } from '../adapters/outbox-retry';
import { loadStoreSettings } from '../adapters/store-settings';
import { checkWebhookUrl } from './ssrf-guard';
import { signWebhook } from './webhook-signature';

const outbox: Outbox = { table: 'webhook_deliveries', task: 'deliver_webhook' };

/**
 * The `deliver_webhook` task: POSTs one outbox row, signed (Standard Webhooks; `webhook-id` is
 * `msg_<row id>`, the same on every retry so receivers can dedupe), with a timeout and no
 * redirects. 2xx is success; 4xx other than 408/429 is permanent (dead at once); anything else
 * retries with backoff until the last attempt, then `dead`.
 */
export async function deliverWebhook(
  pool: pg.Pool,
  config: DeliveryConfig,
  job: { id: string; attempt: number },
): Promise<void> {
  const { rows } = await pool.query<{
    id: string;
    store_id: string;
    url: string;
    body: string;
    status: string;
  }>('SELECT id, store_id, url, body, status FROM webhook_deliveries WHERE id = $1', [job.id]);
  const row = rows[0];
  if (!row || (row.status !== 'pending' && row.status !== 'failed')) return;
  const store = await loadStoreSettings(pool, row.store_id);
  if (!store) return;
  const verdict = await checkWebhookUrl(row.url, store.allowPrivateWebhookTargets);
  if (!verdict.ok) {
    await recordFailure(pool, outbox, config, row.id, job.attempt, verdict.reason, { permanent: true });
    return;
  }
  const headers = signWebhook(store.webhookSecret, `msg_${row.id}`, Math.floor(Date.now() / 1000), row.body);
  let status: number;
  try {
    const response = await fetch(verdict.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'user-agent': 'Segflow-Webhooks/1', ...headers },
      body: row.body,
      redirect: 'manual',
      signal: AbortSignal.timeout(config.webhookTimeoutMs),
    });
    status = response.status;
    await response.body?.cancel().catch(() => {});
  } catch (error) {
    const e = error as Error;
    const reason = e.name === 'TimeoutError' ? `timed out after ${config.webhookTimeoutMs} ms` : e.message;
    await recordFailure(pool, outbox, config, row.id, job.attempt, reason);
    return;
  }
  if (status >= 200 && status < 300) {
    await markSent(pool, outbox, row.id, { responseStatus: status });
    return;
  }
  const permanent = status >= 400 && status < 500 && status !== 408 && status !== 429;
  await recordFailure(pool, outbox, config, row.id, job.attempt, `HTTP ${status}`, {
    responseStatus: status,
    permanent,
  });
}
