import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type pg from 'pg';
import { z } from 'zod';
import { AppError } from '../../errors';
import { explainCondition } from '../../segments/explain';
import type { FactsIndexes } from '../../segments/facts-index/facts-indexes';
import { segmentInsights } from '../../segments/insights';
import { segmentOverlap } from '../../segments/overlap';
import { PreviewSortSchema, previewSegment } from '../../segments/preview';
import { parseSegmentCondition } from '../../segments/segment-condition';
import { loadCustomerFacts } from '../../worker/customer-facts';
import type { SegmentRepository } from './segments.repository';

const storeParams = z.object({ storeId: z.string().min(1).max(100) });
const tags = ['segments'];

async function customerIdOf(pool: pg.Pool, storeId: string, ref: string | number): Promise<number> {
  const text = String(ref);
  const { rows } = await pool.query<{ id: string }>(
    `SELECT id FROM customers WHERE store_id = $1 AND (external_id = $2 OR ($3::bigint IS NOT NULL AND id = $3::bigint))
     ORDER BY (external_id = $2) DESC LIMIT 1`,
    [storeId, text, /^\d{1,15}$/.test(text) ? text : null],
  );
  if (!rows[0]) throw new AppError('customer_not_found', `Customer ${text} does not exist`);
  return Number(rows[0].id);
}

/** `preview`, `explain`, `overlap` and `insights`: the read side of segments. */
export const segmentAnalysisRoutes: FastifyPluginAsyncZod<{
  segments: SegmentRepository;
  pool: pg.Pool;
  factsIndexes: FactsIndexes | null;
}> = async (app, { segments, pool, factsIndexes }) => {
  app.post(
    '/segments/preview',
    {
      schema: {
        tags,
        params: storeParams,
        body: z.object({
          condition: z.unknown(),
          sort: PreviewSortSchema.optional(),
          limit: z.number().int().min(0).max(200).default(50),
          cursor: z.string().max(500).optional(),
        }),
      },
    },
    async (req) => {
      const condition = parseSegmentCondition(req.body.condition);
      const segmentIds = await segments.ids(req.params.storeId);
      return previewSegment(
        pool,
        req.params.storeId,
        { ...req.body, condition, segmentIds },
        factsIndexes ?? undefined,
      );
    },
  );

  app.post(
    '/segments/explain',
    {
      schema: {
        tags,
        params: storeParams,
        body: z
          .object({
            condition: z.unknown().optional(),
            segmentId: z.uuid().optional(),
            customerId: z.union([z.number().int().positive(), z.string().min(1).max(200)]),
          })
          .refine((b) => (b.condition === undefined) !== (b.segmentId === undefined), {
            message: 'give either condition or segmentId',
          }),
      },
    },
    async (req) => {
      const { storeId } = req.params;
      const condition = req.body.segmentId
        ? await segments.condition(storeId, req.body.segmentId)
        : parseSegmentCondition(req.body.condition);
      const customerId = await customerIdOf(pool, storeId, req.body.customerId);
      const facts = await loadCustomerFacts(pool, storeId, customerId, { purchases: true, segments: true });
      if (!facts) throw new AppError('customer_not_found', `Customer ${customerId} does not exist`);
      const tree = explainCondition(condition, facts, new Date());
      return { customerId, segmentId: req.body.segmentId ?? null, matches: tree.pass, tree };
    },
  );

  app.post(
    '/segments/overlap',
    {
      schema: {
        tags,
        params: storeParams,
        body: z.object({ segmentIds: z.array(z.uuid()).min(2).max(8) }),
      },
    },
    async (req) => {
      const ids = [...new Set(req.body.segmentIds)];
      if (ids.length < 2)
        throw new AppError('validation_failed', 'segmentIds: give 2 to 8 distinct segments');
      const known = new Set(await segments.ids(req.params.storeId));
      const missing = ids.filter((id) => !known.has(id));
      if (missing.length > 0) throw new AppError('not_found', `Segment ${missing.join(', ')} does not exist`);
      return segmentOverlap(pool, req.params.storeId, ids);
    },
  );

  app.get(
    '/segments/:id/insights',
    { schema: { tags, params: storeParams.extend({ id: z.uuid() }) } },
    async (req) => {
      await segments.get(req.params.storeId, req.params.id);
      return segmentInsights(pool, req.params.storeId, req.params.id);
    },
  );
};
