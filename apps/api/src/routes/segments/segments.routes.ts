import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type pg from 'pg';
import { z } from 'zod';
import { segmentAnalysisRoutes } from './segment-analysis.routes';
import { membersPage, streamMembersCsv } from './segment-members';
import type { FactsIndexes } from '../../segments/facts-index/facts-indexes';
import type { SegmentRepository } from './segments.repository';

const storeParams = z.object({ storeId: z.string().min(1).max(100) });
const segmentParams = storeParams.extend({ id: z.uuid() });
const name = z.string().trim().min(1).max(200);
const description = z.string().max(2000).nullable().optional();
const tags = ['segments'];

/**
 * Segments under /stores/:storeId: CRUD, members (paged and CSV), and the analysis routes
 * (preview, explain, overlap, insights). Conditions are checked against the field catalog.
 */
export const segmentRoutes: FastifyPluginAsyncZod<{
  segments: SegmentRepository;
  pool: pg.Pool;
  factsIndexes: FactsIndexes | null;
}> = async (app, { segments, pool, factsIndexes }) => {
  await app.register(segmentAnalysisRoutes, { segments, pool, factsIndexes });

  app.get('/segments', { schema: { tags, params: storeParams } }, async (req) => ({
    items: await segments.list(req.params.storeId),
    nextCursor: null,
  }));

  app.post(
    '/segments',
    {
      schema: {
        tags,
        params: storeParams,
        body: z.object({
          name,
          description,
          condition: z.unknown().refine((v) => v !== undefined, 'Required'),
        }),
      },
    },
    async (req, reply) =>
      reply
        .status(201)
        .send(await segments.create(req.params.storeId, { ...req.body, condition: req.body.condition })),
  );

  app.get('/segments/:id', { schema: { tags, params: segmentParams } }, async (req) =>
    segments.get(req.params.storeId, req.params.id),
  );

  app.put(
    '/segments/:id',
    {
      schema: {
        tags,
        params: segmentParams,
        body: z.object({ name: name.optional(), description, condition: z.unknown().optional() }),
      },
    },
    async (req) => segments.update(req.params.storeId, req.params.id, req.body),
  );

  app.delete('/segments/:id', { schema: { tags, params: segmentParams } }, async (req, reply) => {
    await segments.remove(req.params.storeId, req.params.id);
    return reply.status(204).send();
  });

  app.get(
    '/segments/:id/members',
    {
      schema: {
        tags,
        params: segmentParams,
        querystring: z.object({
          limit: z.coerce.number().int().min(1).max(500).default(50),
          cursor: z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER).optional(),
        }),
      },
    },
    async (req) => {
      await segments.get(req.params.storeId, req.params.id);
      return membersPage(pool, req.params.storeId, req.params.id, req.query);
    },
  );

  app.get('/segments/:id/members.csv', { schema: { tags, params: segmentParams } }, async (req, reply) => {
    await segments.get(req.params.storeId, req.params.id);
    return streamMembersCsv(pool, req.params.storeId, req.params.id, reply);
  });
};
