import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { CustomerRepository } from './customers.repository';

const storeParams = z.object({ storeId: z.string().min(1).max(100) });
const tags = ['customers'];

/**
 * `GET /customers?q=&tag=&group=&attribute=key=value` (search by email or name, filter by tag, group
 * or attribute) and `GET /customers/:id` (profile).
 */
export const customerRoutes: FastifyPluginAsyncZod<{ customers: CustomerRepository }> = async (
  app,
  { customers },
) => {
  app.get(
    '/customers',
    {
      schema: {
        tags,
        params: storeParams,
        querystring: z.object({
          q: z.string().max(200).optional(),
          tag: z.string().trim().min(1).max(200).optional(),
          group: z.string().trim().min(1).max(200).optional(),
          attribute: z
            .string()
            .max(400)
            .regex(/^[^=]+=.*$/, 'expected key=value')
            .transform((kv) => {
              const at = kv.indexOf('=');
              return { key: kv.slice(0, at), value: kv.slice(at + 1) };
            })
            .optional(),
          limit: z.coerce.number().int().min(1).max(200).default(50),
          cursor: z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER).optional(),
        }),
      },
    },
    async (req) => customers.search(req.params.storeId, req.query),
  );

  app.get(
    '/customers/:id',
    { schema: { tags, params: storeParams.extend({ id: z.string().min(1).max(200) }) } },
    async (req) => customers.get(req.params.storeId, req.params.id),
  );
};
