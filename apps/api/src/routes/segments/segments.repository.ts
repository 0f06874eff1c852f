import type { Condition } from '@segflow/schema';
import { and, asc, eq, sql } from 'drizzle-orm';
import type pg from 'pg';
import type { Db } from '../../db/client';
import { segmentMemberships, segments } from '../../db/schema/index';
import { AppError } from '../../errors';
import { snapshotSizes, syncSegment } from '../../segments/membership-sync';
import { invalidateSegments, notifySegmentsChanged } from '../../segments/segment-cache';
import { parseSegmentCondition } from '../../segments/segment-condition';

type SegmentRow = typeof segments.$inferSelect;

/** The API's segment shape; `size` is the current member count. */
export function toSegmentView(row: SegmentRow, size: number) {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    condition: row.condition as Condition,
    size,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    evaluatedAt: row.evaluatedAt,
  };
}

/** Fields a create or update may carry (the condition is parsed and checked here). */
export interface SegmentInput {
  name?: string;
  description?: string | null;
  condition?: unknown;
}

const sizeOf = (storeId: string) =>
  sql<number>`(SELECT count(*)::int FROM ${segmentMemberships} sm WHERE sm.store_id = ${storeId} AND sm.segment_id = ${segments.id})`;

/**
 * Saved segments, scoped by store. Saving recomputes the memberships set-based (no trigger fires
 * for a save: only live and scheduled changes emit) and records today's size snapshot.
 */
export function createSegmentRepository(db: Db, pool: pg.Pool) {
  async function ids(storeId: string): Promise<string[]> {
    const rows = await db.select({ id: segments.id }).from(segments).where(eq(segments.storeId, storeId));
    return rows.map((r) => r.id);
  }
  async function recompute(storeId: string, row: SegmentRow) {
    // Other processes drop their cached list before the members are computed: an event they apply
    // after this sync is judged against the new condition.
    invalidateSegments(storeId);
    await notifySegmentsChanged(pool, storeId);
    const result = await syncSegment(
      pool,
      storeId,
      { id: row.id, condition: row.condition as Condition },
      await ids(storeId),
      { emit: false, cause: `save:${row.updatedAt.toISOString()}` },
    );
    await snapshotSizes(pool, storeId);
    invalidateSegments(storeId);
    return toSegmentView({ ...row, evaluatedAt: new Date() }, result.size);
  }
  const repo = {
    /** All segments of the store with their sizes, oldest first. */
    async list(storeId: string) {
      const rows = await db
        .select({ s: segments, size: sizeOf(storeId) })
        .from(segments)
        .where(eq(segments.storeId, storeId))
        .orderBy(asc(segments.createdAt), asc(segments.id));
      return rows.map((r) => toSegmentView(r.s, Number(r.size)));
    },
    /** One segment, or 404. */
    async get(storeId: string, id: string) {
      const [row] = await db
        .select({ s: segments, size: sizeOf(storeId) })
        .from(segments)
        .where(and(eq(segments.storeId, storeId), eq(segments.id, id)));
      if (!row) throw new AppError('not_found', `Segment ${id} does not exist`);
      return toSegmentView(row.s, Number(row.size));
    },
    /** The stored condition of a segment (parsed), or 404. */
    async condition(storeId: string, id: string): Promise<Condition> {
      return (await repo.get(storeId, id)).condition;
    },
    /** Creates a segment and computes its memberships. */
    async create(storeId: string, input: Required<Pick<SegmentInput, 'name' | 'condition'>> & SegmentInput) {
      const condition = parseSegmentCondition(input.condition);
      const [row] = await db
        .insert(segments)
        .values({ storeId, name: input.name, description: input.description ?? null, condition })
        .returning();
      return recompute(storeId, row!);
    },
    /** Updates name, description and/or condition; a new condition recomputes memberships. */
    async update(storeId: string, id: string, input: SegmentInput) {
      const condition =
        input.condition === undefined ? undefined : parseSegmentCondition(input.condition, id);
      const [row] = await db
        .update(segments)
        .set({
          ...(input.name !== undefined ? { name: input.name } : {}),
          ...(input.description !== undefined ? { description: input.description } : {}),
          ...(condition ? { condition } : {}),
          updatedAt: sql`now()`,
        })
        .where(and(eq(segments.storeId, storeId), eq(segments.id, id)))
        .returning();
      if (!row) throw new AppError('not_found', `Segment ${id} does not exist`);
      if (condition) return recompute(storeId, row);
      invalidateSegments(storeId);
      await notifySegmentsChanged(pool, storeId);
      return repo.get(storeId, id);
    },
    /** Deletes a segment (memberships and snapshots go with it). */
    async remove(storeId: string, id: string): Promise<void> {
      const deleted = await db
        .delete(segments)
        .where(and(eq(segments.storeId, storeId), eq(segments.id, id)))
        .returning({ id: segments.id });
      if (deleted.length === 0) throw new AppError('not_found', `Segment ${id} does not exist`);
      invalidateSegments(storeId);
      await notifySegmentsChanged(pool, storeId);
    },
    /** Ids of the store's segments (segment leaves naming other ids match no one). */
    ids,
  };
  return repo;
}

/** The segment repository's interface. */
export type SegmentRepository = ReturnType<typeof createSegmentRepository>;
