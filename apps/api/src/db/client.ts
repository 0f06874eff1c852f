import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import type pg from 'pg';
import * as schema from './schema/index';

/** The typed drizzle handle over the app's schema. */
export type Db = NodePgDatabase<typeof schema>;

/** A transaction handle, or the database itself: repositories accept either. */
export type DbOrTx = Db | Parameters<Parameters<Db['transaction']>[0]>[0];

/** Wraps a pg Pool in drizzle with the schema attached. */
export function createDb(pool: pg.Pool): Db {
  return drizzle(pool, { schema });
}
