import { createHmac } from 'node:crypto';

/** The Standard Webhooks headers of one delivery. */
export interface WebhookHeaders {
  'webhook-id': string;
  'webhook-timestamp': string;
  'webhook-signature': string;
}

/**
 * Signs a payload per Standard Webhooks: `v1,` + base64 HMAC-SHA256 of `id.timestamp.body`, keyed
 * with the base64 part of the `whsec_…` secret. The id stays the same across retries.
 */
export function signWebhook(secret: string, id: string, timestamp: number, body: string): WebhookHeaders {
  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
  const signature = createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest('base64');
  return { 'webhook-id': id, 'webhook-timestamp': String(timestamp), 'webhook-signature': `v1,${signature}` };
}
