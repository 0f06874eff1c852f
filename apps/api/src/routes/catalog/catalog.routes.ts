import { catalogPayload } from '@segflow/schema';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

/** `GET /catalog`: node types, fields and operators, straight from the shared schema package. */
export const catalogRoutes: FastifyPluginAsyncZod = async (app) => {
  const payload = catalogPayload();
  app.get(
    '/catalog',
    { schema: { tags: ['catalog'], summary: 'Node types, fields, operators' } },
    async () => payload,
  );
};
