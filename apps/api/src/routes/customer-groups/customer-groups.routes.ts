import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type pg from 'pg';
import { z } from 'zod';

const storeParams = z.object({ storeId: z.string().min(1).max(100) });

/**
 * `GET /customer-groups`: the store's groups (created on first use by `action.assign_group`, plus
 * any group a customer carries from an import) with their member counts, largest first.
 */
export const customerGroupRoutes: FastifyPluginAsyncZod<{ pool: pg.Pool }> = async (app, { pool }) => {
  app.get('/customer-groups', { schema: { tags: ['customers'], params: storeParams } }, async (req) => {
    const { rows } = await pool.query<{ name: string; members: number; created_at: Date | null }>(
      `WITH names AS (
         SELECT name, created_at FROM customer_groups WHERE store_id = $1
         UNION SELECT DISTINCT group_name, NULL::timestamptz FROM customers WHERE store_id = $1 AND group_name IS NOT NULL
       ), counts AS (
         SELECT group_name, count(*)::int AS members FROM customers WHERE store_id = $1 AND group_name IS NOT NULL GROUP BY 1
       )
       SELECT n.name, coalesce(c.members, 0) AS members, max(n.created_at) AS created_at
       FROM names n LEFT JOIN counts c ON c.group_name = n.name GROUP BY n.name, c.members ORDER BY 2 DESC, 1`,
      [req.params.storeId],
    );
    return {
      items: rows.map((r) => ({
        name: r.name,
        members: r.members,
        createdAt: r.created_at?.toISOString() ?? null,
      })),
      nextCursor: null,
    };
  });
};
