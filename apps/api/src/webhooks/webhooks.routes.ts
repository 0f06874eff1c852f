import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type pg from 'pg';
import { z } from 'zod';

const storeParams = z.object({ storeId: z.string().min(1).max(100) });

/** `GET /webhook-deliveries?status=`: the webhook outbox, dead letters included (`status=dead`). */
export const webhookRoutes: FastifyPluginAsyncZod<{ pool: pg.Pool }> = async (app, { pool }) => {
  app.get(
    '/webhook-deliveries',
    {
      schema: {
        tags: ['webhooks'],
        params: storeParams,
        querystring: z.object({
          status: z.enum(['pending', 'sent', 'failed', 'dead']).optional(),
          limit: z.coerce.number().int().min(1).max(200).default(50),
        }),
      },
    },
    async (req) => {
      const { rows } = await pool.query(
        `SELECT id, run_id AS "runId", customer_id::float8 AS "customerId", url, body, status, attempts,
                response_status AS "responseStatus", last_error AS "lastError", next_attempt_at AS "nextAttemptAt",
                sent_at AS "sentAt", created_at AS "createdAt"
         FROM webhook_deliveries WHERE store_id = $1 AND ($2::text IS NULL OR status = $2)
         ORDER BY created_at DESC LIMIT $3`,
        [req.params.storeId, req.query.status ?? null, req.query.limit],
      );
      return { items: rows, nextCursor: null };
    },
  );
};
