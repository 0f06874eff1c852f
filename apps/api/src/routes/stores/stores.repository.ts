import { asc, eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { stores } from '../../db/schema/index';

/** Store reads: existence checks for scoping and the list. */
export function createStoreRepository(db: Db) {
  return {
    /** Whether a store with this id exists. */
    async exists(storeId: string): Promise<boolean> {
      const rows = await db.select({ id: stores.id }).from(stores).where(eq(stores.id, storeId)).limit(1);
      return rows.length > 0;
    },
    /** Every store, by id. */
    async list() {
      return db
        .select({
          id: stores.id,
          name: stores.name,
          timeZone: stores.timeZone,
          currency: stores.currency,
          createdAt: stores.createdAt,
        })
        .from(stores)
        .orderBy(asc(stores.id));
    },
  };
}

/** The store repository's interface. */
export type StoreRepository = ReturnType<typeof createStoreRepository>;
