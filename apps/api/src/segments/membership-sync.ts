import type { Condition } from '@segflow/schema';
import type pg from 'pg';
import { emitChangesSql } from './segment-events';
import { CUSTOMERS_FROM, matchSql } from './segment-sql';

/** How a set-based recomputation was caused, and whether its changes fire segment triggers. */
export interface SyncOptions {
  now?: Date;
  /** Emit `segment.entered` / `segment.exited` for the differences (schedule: yes; save: no). */
  emit: boolean;
  /** Idempotency part of the emitted event ids (e.g. the schedule tick). */
  cause: string;
  /** Causal depth of emitted events. */
  depth?: number;
}

/**
 * Recomputes one segment's memberships set-based in ONE statement: the customers the condition
 * matches now, minus those already in (inserted = entered), members no longer matched (deleted =
 * exited), each change emitted when asked. Exactly what preview counts, by construction.
 */
export async function syncSegment(
  pool: pg.Pool,
  storeId: string,
  segment: { id: string; condition: Condition },
  segmentIds: readonly string[],
  options: SyncOptions,
): Promise<{ entered: number; exited: number; size: number }> {
  const match = matchSql(storeId, segment.condition, {
    now: options.now ?? new Date(),
    segmentIds,
    leading: [segment.id, options.cause, options.depth ?? 0, options.emit],
  });
  const { rows } = await pool.query<{ entered: string; exited: string; size: string }>(
    `WITH matched AS MATERIALIZED (SELECT c.id FROM ${CUSTOMERS_FROM} WHERE ${match.where}),
     ins AS (
       INSERT INTO segment_memberships (store_id, segment_id, customer_id)
       SELECT $1, $2::uuid, m.id FROM matched m
       WHERE NOT EXISTS (SELECT 1 FROM segment_memberships sm
                         WHERE sm.store_id = $1 AND sm.segment_id = $2::uuid AND sm.customer_id = m.id)
       ON CONFLICT DO NOTHING RETURNING customer_id
     ), del AS (
       DELETE FROM segment_memberships sm WHERE sm.store_id = $1 AND sm.segment_id = $2::uuid
         AND NOT EXISTS (SELECT 1 FROM matched m WHERE m.id = sm.customer_id)
       RETURNING customer_id
     ), changes AS (
       SELECT 'segment.entered' AS type, $2::uuid AS segment_id, customer_id FROM ins
       UNION ALL SELECT 'segment.exited', $2::uuid, customer_id FROM del
     )${emitChangesSql({ store: '$1', cause: '$3::text', depth: '$4::int', emit: '$5::boolean' })},
     stamped AS (UPDATE segments SET evaluated_at = now() WHERE store_id = $1 AND id = $2::uuid RETURNING 1)
     SELECT (SELECT count(*) FROM ins) AS entered, (SELECT count(*) FROM del) AS exited,
            (SELECT count(*) FROM matched) AS size, (SELECT count(*) FROM jobs) AS jobs,
            (SELECT count(*) FROM stamped) AS stamped`,
    match.params,
  );
  const r = rows[0]!;
  return { entered: Number(r.entered), exited: Number(r.exited), size: Number(r.size) };
}

/** Upserts today's (UTC) size snapshot of the given segments, or of all the store's segments. */
export async function snapshotSizes(pool: pg.Pool, storeId?: string): Promise<number> {
  const { rowCount } = await pool.query(
    `INSERT INTO segment_snapshots (store_id, segment_id, day, size)
     SELECT sg.store_id, sg.id, (now() AT TIME ZONE 'UTC')::date,
       (SELECT count(*) FROM segment_memberships sm WHERE sm.store_id = sg.store_id AND sm.segment_id = sg.id)
     FROM segments sg WHERE $1::text IS NULL OR sg.store_id = $1
     ON CONFLICT (store_id, segment_id, day) DO UPDATE SET size = EXCLUDED.size, taken_at = now()`,
    [storeId ?? null],
  );
  return rowCount ?? 0;
}
