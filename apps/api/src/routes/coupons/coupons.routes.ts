import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type pg from 'pg';
import { z } from 'zod';

const storeParams = z.object({ storeId: z.string().min(1).max(100) });

/** `GET /coupons?status=active|redeemed|expired&customerId=&q=`: issued codes, newest first, paged. */
export const couponRoutes: FastifyPluginAsyncZod<{ pool: pg.Pool }> = async (app, { pool }) => {
  app.get(
    '/coupons',
    {
      schema: {
        tags: ['coupons'],
        params: storeParams,
        querystring: z.object({
          status: z.enum(['active', 'redeemed', 'expired']).optional(),
          customerId: z.coerce.number().int().min(1).optional(),
          q: z.string().max(100).optional(),
          limit: z.coerce.number().int().min(1).max(200).default(50),
          cursor: z.iso.datetime({ offset: true }).optional(),
        }),
      },
    },
    async (req) => {
      const { status, customerId, q, limit, cursor } = req.query;
      const { rows } = await pool.query(
        `SELECT id, code, percent_off AS "percentOff", amount_off::float8 AS "amountOff", customer_id::float8 AS "customerId",
                run_id AS "runId", expires_at AS "expiresAt", redeemed_at AS "redeemedAt",
                redeemed_order_id AS "redeemedOrderId", created_at AS "createdAt",
                CASE WHEN redeemed_at IS NOT NULL THEN 'redeemed' WHEN expires_at < now() THEN 'expired' ELSE 'active' END AS status
         FROM coupons WHERE store_id = $1
           AND ($2::text IS NULL OR ($2 = 'redeemed' AND redeemed_at IS NOT NULL)
                OR ($2 = 'expired' AND redeemed_at IS NULL AND expires_at < now())
                OR ($2 = 'active' AND redeemed_at IS NULL AND (expires_at IS NULL OR expires_at >= now())))
           AND ($3::bigint IS NULL OR customer_id = $3) AND ($4::text IS NULL OR code ILIKE '%' || $4 || '%')
           AND ($5::timestamptz IS NULL OR created_at < $5)
         ORDER BY created_at DESC LIMIT $6`,
        [req.params.storeId, status ?? null, customerId ?? null, q ?? null, cursor ?? null, limit + 1],
      );
      const page = rows.slice(0, limit);
      return {
        items: page,
        nextCursor: rows.length > limit ? (page[page.length - 1].createdAt as Date).toISOString() : null,
      };
    },
  );
};
