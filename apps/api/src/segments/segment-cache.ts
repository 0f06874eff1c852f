import { compileCondition, type Predicate } from '@segflow/engine';
import { type Condition, ConditionSchema } from '@segflow/schema';
import type pg from 'pg';
import { factsNeeds } from './segment-condition';

/** A saved segment compiled for live evaluation. */
export interface CompiledSegment {
  id: string;
  condition: Condition;
  predicate: Predicate;
  needs: { purchases: boolean; segments: boolean };
}

interface StoreEntry {
  at: number;
  segments: CompiledSegment[];
}

/**
 * The channel segment saves NOTIFY on (payload: the store id); every worker process LISTENs (see
 * workflow-router.ts) and drops the store's list, so an event applied right after a save is
 * judged against the new segment by whichever process takes it.
 */
export const SEGMENT_CHANNEL = 'segflow_segments';

/** Tells every process that the store's segments changed (call after the change committed). */
export async function notifySegmentsChanged(pool: Pick<pg.Pool, 'query'>, storeId: string): Promise<void> {
  await pool.query('SELECT pg_notify($1, $2)', [SEGMENT_CHANNEL, storeId]);
}

/** How long a store's segment list is trusted without a reload (a missed notification). */
const TTL_MS = 5_000;
const stores = new Map<string, StoreEntry>();
/** Predicates per segment id, with the `updated_at` they were compiled at: never recompiled unchanged. */
const predicates = new Map<string, { version: string; compiled: CompiledSegment }>();

/**
 * The store's segments with compiled predicates, cached per process. Saves call {@link invalidateSegments}
 * here and notify the other processes (SEGMENT_CHANNEL); {@link TTL_MS} bounds a missed notification. A stored tree
 * that no longer parses is left out (it cannot match anyone).
 */
export async function storeSegments(pool: pg.Pool, storeId: string): Promise<CompiledSegment[]> {
  const cached = stores.get(storeId);
  if (cached && Date.now() - cached.at < TTL_MS) return cached.segments;
  const { rows } = await pool.query<{ id: string; condition: unknown; version: string }>(
    `SELECT id, condition, updated_at::text AS version FROM segments WHERE store_id = $1 ORDER BY created_at, id`,
    [storeId],
  );
  const segments: CompiledSegment[] = [];
  for (const row of rows) {
    let compiled =
      predicates.get(row.id)?.version === row.version ? predicates.get(row.id)?.compiled : undefined;
    if (!compiled) {
      const parsed = ConditionSchema.safeParse(row.condition);
      if (!parsed.success) continue;
      compiled = {
        id: row.id,
        condition: parsed.data,
        predicate: compileCondition(parsed.data),
        needs: factsNeeds(parsed.data),
      };
      predicates.set(row.id, { version: row.version, compiled });
    }
    segments.push(compiled);
  }
  stores.set(storeId, { at: Date.now(), segments });
  return segments;
}

/** Drops the cached segment list of a store (after a save or delete in this process). */
export function invalidateSegments(storeId: string): void {
  stores.delete(storeId);
}
