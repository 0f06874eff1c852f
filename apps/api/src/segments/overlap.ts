import type pg from 'pg';

/**
 * Overlap of 2–8 segments from their memberships in ONE statement: each member's bit mask of the
 * segments it is in, counted per mask. From the masks: sizes, pairwise intersections, each
 * segment's exclusive count (members of it alone) and the union.
 */
export async function segmentOverlap(pool: pg.Pool, storeId: string, segmentIds: string[]) {
  const { rows } = await pool.query<{ mask: number; n: string }>(
    `SELECT mask, count(*) AS n FROM (
       SELECT sm.customer_id, bit_or(1 << (u.idx::int - 1)) AS mask
       FROM segment_memberships sm
       JOIN unnest($2::uuid[]) WITH ORDINALITY AS u(id, idx) ON sm.segment_id = u.id
       WHERE sm.store_id = $1
       GROUP BY sm.customer_id
     ) m GROUP BY mask`,
    [storeId, segmentIds],
  );
  const masks = rows.map((r) => ({ mask: r.mask, n: Number(r.n) }));
  const sum = (keep: (mask: number) => boolean) =>
    masks.reduce((total, m) => (keep(m.mask) ? total + m.n : total), 0);
  const segments = segmentIds.map((id, i) => ({
    segmentId: id,
    size: sum((mask) => (mask & (1 << i)) !== 0),
    exclusive: sum((mask) => mask === 1 << i),
  }));
  const pairs = [];
  for (let i = 0; i < segmentIds.length; i++) {
    for (let j = i + 1; j < segmentIds.length; j++) {
      const both = (1 << i) | (1 << j);
      pairs.push({ a: segmentIds[i]!, b: segmentIds[j]!, count: sum((mask) => (mask & both) === both) });
    }
  }
  return {
    segments,
    pairs,
    union: sum(() => true),
    all: sum((mask) => mask === (1 << segmentIds.length) - 1),
  };
}
