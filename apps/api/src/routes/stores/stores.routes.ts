import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { StoreRepository } from './stores.repository';

/** `GET /stores`: the stores this API serves (the demo store is `demo`). */
export const storeRoutes: FastifyPluginAsyncZod<{ stores: StoreRepository }> = async (app, { stores }) => {
  app.get('/stores', { schema: { tags: ['stores'], summary: 'List stores' } }, async () => ({
    items: await stores.list(),
    nextCursor: null,
  }));
};
