import type { FastifyInstance } from 'fastify';
import { AppError } from '../errors';
import type { StoreRepository } from '../routes/stores/stores.repository';

const TTL_MS = 10_000;

/**
 * Rejects requests for unknown stores with 404 before any handler runs. Known ids are cached
 * briefly; a miss always asks the database, so a new store works at once.
 */
export function storeScopeHook(stores: StoreRepository) {
  const known = new Map<string, number>();
  return async function requireStore(request: { params: unknown }): Promise<void> {
    const storeId = (request.params as { storeId?: string }).storeId;
    if (storeId === undefined) return;
    const expires = known.get(storeId);
    if (expires !== undefined && expires > Date.now()) return;
    if (storeId.length > 100 || !(await stores.exists(storeId))) {
      throw new AppError('store_not_found', `Store ${JSON.stringify(storeId.slice(0, 100))} does not exist`);
    }
    known.set(storeId, Date.now() + TTL_MS);
  };
}

/** Adds the store check to every route of the plugin it is registered in. */
export function scopeToStore(app: FastifyInstance, stores: StoreRepository): void {
  app.addHook('onRequest', storeScopeHook(stores));
}
