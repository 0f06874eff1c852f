import type { Task } from 'graphile-worker';
import type pg from 'pg';
import { runBackfillBatch } from '../backfill/backfill-batch';
import { backfillDeps } from '../backfill/backfill-deps';
import { createMailer, deliverEmail } from '../mail/deliver-email';
import type { PipelineDeps } from '../worker/process-event';
import { deliverWebhook } from '../webhooks/deliver-webhook';
import { type DeliveryConfig, deliveryConfigFromEnv } from './delivery-config';

type Job = { id: string; attempt?: number };

/**
 * The graphile-worker tasks of the actions: outbox deliveries (`deliver_email`, `deliver_webhook`)
 * and backfill batches (`backfill_batch`). Spread into the worker's task list.
 */
export function actionTasks(
  deps: PipelineDeps,
  config: DeliveryConfig = deliveryConfigFromEnv(),
): Record<string, Task> {
  const pool: pg.Pool = deps.pool;
  const mailer = createMailer(config);
  return {
    deliver_email: async (payload) => {
      const job = payload as Job;
      if (mailer) await deliverEmail(pool, config, mailer, { id: String(job.id), attempt: job.attempt ?? 1 });
    },
    deliver_webhook: async (payload) => {
      const job = payload as Job;
      await deliverWebhook(pool, config, { id: String(job.id), attempt: job.attempt ?? 1 });
    },
    backfill_batch: async (payload) =>
      runBackfillBatch(backfillDeps(deps, config), String((payload as Job).id)),
  };
}
