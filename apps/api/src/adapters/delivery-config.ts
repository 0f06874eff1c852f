/** How the outboxes deliver: SMTP or capture, retry schedule, links, timeouts. */
export interface DeliveryConfig {
  /** `SMTP_URL`; without it emails are captured in the outbox, not sent. */
  smtpUrl: string | null;
  /** `MAIL_FROM`: default From of emails when the store sets no `fromEmail`. */
  mailFrom: string;
  /** `PUBLIC_URL`: base of the links in emails (unsubscribe). */
  publicUrl: string;
  /** `OUTBOX_MAX_ATTEMPTS`: tries before a delivery is dead-lettered. */
  maxAttempts: number;
  /** `OUTBOX_RETRY_BASE_MS`: first retry delay; doubles per attempt, with jitter, capped at an hour. */
  retryBaseMs: number;
  /** `WEBHOOK_TIMEOUT_MS`: per-request timeout of outgoing webhooks. */
  webhookTimeoutMs: number;
}

/** Reads the delivery configuration from the environment. */
export function deliveryConfigFromEnv(env: NodeJS.ProcessEnv = process.env): DeliveryConfig {
  const num = (value: string | undefined, fallback: number) => {
    const n = Number(value);
    return Number.isFinite(n) && n > 0 ? n : fallback;
  };
  return {
    smtpUrl: env.SMTP_URL || null,
    mailFrom: env.MAIL_FROM || 'Segflow <no-reply@segflow.local>',
    publicUrl: (env.PUBLIC_URL || `http://127.0.0.1:${env.PORT || 3000}`).replace(/\/$/, ''),
    maxAttempts: num(env.OUTBOX_MAX_ATTEMPTS, 8),
    retryBaseMs: num(env.OUTBOX_RETRY_BASE_MS, 30_000),
    webhookTimeoutMs: num(env.WEBHOOK_TIMEOUT_MS, 10_000),
  };
}

/** Exponential backoff with "equal jitter": half fixed, half random, so retries never stampede. */
export function retryDelayMs(config: DeliveryConfig, attempt: number, random = Math.random): number {
  const ceiling = Math.min(3_600_000, config.retryBaseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}
