import nodemailer, { type Transporter } from 'nodemailer';
import type pg from 'pg';
import type { DeliveryConfig } from '../adapters/delivery-config';
import { markSent, type Outbox, recordFailure } from '../adapters/outbox-retry';
import { loadStoreSettings, type StoreSettings } from '../adapters/store-settings';
import { createUnsubscribeToken } from './unsubscribe-token';

const outbox: Outbox = { table: 'emails', task: 'deliver_email' };

interface EmailRow {
  id: string;
  store_id: string;
  customer_id: string | null;
  to_address: string;
  subject: string;
  body: string;
  text_body: string | null;
  kind: string;
  status: string;
}

/** RFC 8058 one-click unsubscribe headers for marketing email (mail clients show an Unsubscribe button). */
function unsubscribeHeaders(
  config: DeliveryConfig,
  store: StoreSettings | null,
  email: EmailRow,
): Record<string, string> {
  if (email.kind !== 'marketing' || !store || !email.customer_id) return {};
  const token = createUnsubscribeToken(
    { storeId: email.store_id, customerId: email.customer_id },
    store.signingSecret,
  );
  return {
    'List-Unsubscribe': `<${config.publicUrl}/api/unsubscribe/${token}>`,
    'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
  };
}

/** One SMTP transport per process (pooled connections), built lazily from `SMTP_URL`. */
export function createMailer(config: DeliveryConfig): (() => Transporter) | null {
  if (!config.smtpUrl) return null;
  let transport: Transporter | undefined;
  return () => {
    transport ??= nodemailer.createTransport(config.smtpUrl!);
    return transport;
  };
}

/**
 * The `deliver_email` task: sends one outbox row over SMTP, once. Its Message-ID is derived from
 * the row id, so a receiver can drop the duplicate of a send whose acknowledgement was lost.
 * Failures are retried with backoff and finally dead-lettered (see `recordFailure`).
 */
export async function deliverEmail(
  pool: pg.Pool,
  config: DeliveryConfig,
  mailer: () => Transporter,
  job: { id: string; attempt: number },
): Promise<void> {
  const { rows } = await pool.query<EmailRow>(
    `SELECT id, store_id, customer_id::text, to_address, subject, body, text_body, kind, status FROM emails WHERE id = $1`,
    [job.id],
  );
  const email = rows[0];
  if (!email || (email.status !== 'pending' && email.status !== 'failed')) return;
  const store = await loadStoreSettings(pool, email.store_id);
  try {
    await mailer().sendMail({
      from: store?.fromEmail ?? config.mailFrom,
      to: email.to_address,
      subject: email.subject,
      html: email.body,
      text: email.text_body ?? undefined,
      messageId: `<${email.id}@segflow>`,
      headers: { 'X-Segflow-Email-Id': email.id, ...unsubscribeHeaders(config, store, email) },
    });
  } catch (error) {
    const e = error as { message?: string; responseCode?: number };
    const permanent = typeof e.responseCode === 'number' && e.responseCode >= 500 && e.responseCode < 600;
    await recordFailure(pool, outbox, config, email.id, job.attempt, e.message ?? String(error), {
      permanent,
    });
    return;
  }
  await markSent(pool, outbox, email.id);
}
