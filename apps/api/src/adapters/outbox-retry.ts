import type pg from 'pg';
import { type DeliveryConfig, retryDelayMs } from './delivery-config';

/** An outbox table and the graphile-worker task that delivers its rows. */
export interface Outbox {
  table: 'emails' | 'webhook_deliveries';
  task: 'deliver_email' | 'deliver_webhook';
}

/** Marks a delivery done (`sent`), once. */
export async function markSent(
  pool: pg.Pool,
  outbox: Outbox,
  id: string,
  extra: { responseStatus?: number } = {},
) {
  const responseColumn = outbox.table === 'webhook_deliveries' ? ', response_status = $2' : '';
  await pool.query(
    `UPDATE ${outbox.table} SET status = 'sent', attempts = attempts + 1, sent_at = now(), last_error = NULL,
       next_attempt_at = NULL${responseColumn} WHERE id = $1`,
    outbox.table === 'webhook_deliveries' ? [id, extra.responseStatus ?? null] : [id],
  );
}

/**
 * Records a failed attempt (SMTP / HTTP failures are handled here, not by throwing: the delivery
 * job's own `max_attempts` of 5 only covers infrastructure errors such as a database blip, and a
 * delivery is idempotent on the receiver's side through its stable Message-ID / webhook-id).
 * Before the last attempt the row is `failed` and the next attempt is a
 * new job (key `<kind>:<id>:<attempt>`, stable, so a retried task never schedules twice) after an
 * exponential, jittered delay; after it the row is `dead` (the dead letter the API lists).
 */
export async function recordFailure(
  pool: pg.Pool,
  outbox: Outbox,
  config: DeliveryConfig,
  id: string,
  attempt: number,
  error: string,
  extra: { responseStatus?: number; permanent?: boolean } = {},
): Promise<'retry' | 'dead'> {
  const dead = extra.permanent === true || attempt >= config.maxAttempts;
  const runAt = new Date(Date.now() + retryDelayMs(config, attempt));
  const responseColumn = outbox.table === 'webhook_deliveries' ? ', response_status = $5' : '';
  const params: unknown[] = [id, dead ? 'dead' : 'failed', error.slice(0, 2000), dead ? null : runAt];
  if (outbox.table === 'webhook_deliveries') params.push(extra.responseStatus ?? null);
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query(
      `UPDATE ${outbox.table} SET status = $2, attempts = attempts + 1, last_error = $3, next_attempt_at = $4${responseColumn}
       WHERE id = $1`,
      params,
    );
    if (!dead) {
      const kind = outbox.table === 'emails' ? 'email' : 'webhook';
      await client.query(
        `SELECT graphile_worker.add_job($1, json_build_object('id', $2::text, 'attempt', $3::int), run_at := $4,
           job_key := $5, max_attempts := 5)`,
        [outbox.task, id, attempt + 1, runAt, `${kind}:${id}:${attempt + 1}`],
      );
    }
    await client.query('COMMIT');
  } catch (err) {
    await client.query('ROLLBACK').catch(() => {});
    throw err;
  } finally {
    client.release();
  }
  return dead ? 'dead' : 'retry';
}
