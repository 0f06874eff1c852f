import type pg from 'pg';
import { type SeedSummary, seedStore } from './seed-store';

/** The demo store's id (the contract: `GET /api/stores` lists it). */
export const DEMO_STORE_ID = 'demo';

/** Seeds the demo store unless a completed seed is already there; returns what was written, or null. */
export async function ensureDemoStore(pool: pg.Pool, customers = 2_500): Promise<SeedSummary | null> {
  const { rows } = await pool.query<{ seeded: boolean | null }>(
    `SELECT (settings->>'seeded')::boolean AS seeded FROM stores WHERE id = $1`,
    [DEMO_STORE_ID],
  );
  if (rows[0]?.seeded) return null;
  return seedStore(pool, { storeId: DEMO_STORE_ID, name: 'Demo Store', customers });
}
