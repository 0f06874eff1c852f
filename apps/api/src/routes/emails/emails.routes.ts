import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type pg from 'pg';
import { z } from 'zod';
import { previewEmail } from '../../mail/preview-email';
import type { DeliveryConfig } from '../../adapters/delivery-config';

const storeParams = z.object({ storeId: z.string().min(1).max(100) });
const tags = ['emails'];

/** The outbox: `GET /emails?status=&q=` (dead letters: `status=dead`) and `POST /emails/preview`. */
export const emailRoutes: FastifyPluginAsyncZod<{ pool: pg.Pool; config: DeliveryConfig }> = async (
  app,
  { pool, config },
) => {
  app.get(
    '/emails',
    {
      schema: {
        tags,
        params: storeParams,
        querystring: z.object({
          status: z.enum(['pending', 'captured', 'sent', 'failed', 'dead']).optional(),
          q: z.string().max(200).optional(),
          limit: z.coerce.number().int().min(1).max(200).default(50),
          cursor: z.iso.datetime({ offset: true }).optional(),
        }),
      },
    },
    async (req) => {
      const { status, q, limit, cursor } = req.query;
      const { rows } = await pool.query(
        `SELECT id, kind, customer_id::float8 AS "customerId", run_id AS "runId", to_address AS "to", subject, body AS html,
                text_body AS text, status, attempts, last_error AS "lastError", next_attempt_at AS "nextAttemptAt",
                sent_at AS "sentAt", created_at AS "createdAt"
         FROM emails WHERE store_id = $1 AND ($2::text IS NULL OR status = $2)
           AND ($3::text IS NULL OR to_address ILIKE '%' || $3 || '%' OR subject ILIKE '%' || $3 || '%')
           AND ($4::timestamptz IS NULL OR created_at < $4)
         ORDER BY created_at DESC LIMIT $5`,
        [req.params.storeId, status ?? null, q ?? null, cursor ?? null, limit + 1],
      );
      const page = rows.slice(0, limit);
      return {
        items: page,
        nextCursor: rows.length > limit ? (page[page.length - 1].createdAt as Date).toISOString() : null,
      };
    },
  );

  app.post(
    '/emails/preview',
    {
      schema: {
        tags,
        summary: 'Render subject and body (Liquid) for a customer, with a sample coupon',
        params: storeParams,
        body: z.object({
          subject: z.string().max(300),
          body: z.string().max(50_000),
          customerId: z.union([z.number().int().min(1), z.string().min(1).max(200)]),
        }),
      },
    },
    async (req) => previewEmail(pool, config, req.params.storeId, req.body),
  );
};
