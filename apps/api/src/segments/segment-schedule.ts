import { ConditionSchema } from '@segflow/schema';
import type pg from 'pg';
import { syncSegment, snapshotSizes } from './membership-sync';
import { isTimeDependent } from './segment-condition';

/** graphile-worker crontab lines of the segment tasks (relative dates every 5 min, daily snapshot). */
export const segmentCrontab = ['*/5 * * * * segments_refresh', '7 0 * * * segments_snapshot'];

interface SegmentRow {
  id: string;
  store_id: string;
  condition: unknown;
}

/**
 * Recomputes memberships set-based (same SQL as preview) and emits the differences as
 * `segment.entered` / `segment.exited`. `onlyTimeDependent` limits it to trees whose verdict moves
 * with time alone: the others are kept exact by the live path on every event.
 */
export async function refreshSegments(
  pool: pg.Pool,
  options: { onlyTimeDependent: boolean; now?: Date; storeId?: string },
): Promise<{ segments: number; entered: number; exited: number }> {
  const now = options.now ?? new Date();
  const { rows } = await pool.query<SegmentRow>(
    `SELECT id, store_id, condition FROM segments WHERE $1::text IS NULL OR store_id = $1
     ORDER BY store_id, created_at, id`,
    [options.storeId ?? null],
  );
  const idsByStore = new Map<string, string[]>();
  for (const row of rows) idsByStore.set(row.store_id, [...(idsByStore.get(row.store_id) ?? []), row.id]);
  const totals = { segments: 0, entered: 0, exited: 0 };
  for (const row of rows) {
    const parsed = ConditionSchema.safeParse(row.condition);
    if (!parsed.success || (options.onlyTimeDependent && !isTimeDependent(parsed.data))) continue;
    const result = await syncSegment(
      pool,
      row.store_id,
      { id: row.id, condition: parsed.data },
      idsByStore.get(row.store_id) ?? [],
      { now, emit: true, cause: `t${now.getTime()}` },
    );
    totals.segments += 1;
    totals.entered += result.entered;
    totals.exited += result.exited;
  }
  return totals;
}

/** The daily task: a full reconciliation of every segment, then today's size snapshots. */
export async function dailySnapshot(pool: pg.Pool): Promise<void> {
  await refreshSegments(pool, { onlyTimeDependent: false });
  await snapshotSizes(pool);
}
