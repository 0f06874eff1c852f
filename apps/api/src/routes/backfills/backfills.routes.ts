import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { BackfillService } from '../../backfill/backfill-service';

const storeParams = z.object({ storeId: z.string().min(1).max(100) });
const tags = ['workflows'];

/**
 * `POST /workflows/:id/backfill {condition?}` (202 with the backfill; 200 with the running one),
 * `GET /backfills/:id` (done / total / rate / eta) and `POST /backfills/:id/cancel`.
 */
export const backfillRoutes: FastifyPluginAsyncZod<{ backfills: BackfillService }> = async (
  app,
  { backfills },
) => {
  app.post(
    '/workflows/:id/backfill',
    {
      schema: {
        tags,
        summary: 'Run the published version for every customer a condition matches (all when absent)',
        params: storeParams.extend({ id: z.uuid() }),
        body: z.object({ condition: z.unknown().optional() }).nullish(),
      },
    },
    async (req, reply) => {
      const { created, backfill } = await backfills.start(
        req.params.storeId,
        req.params.id,
        req.body?.condition,
      );
      return reply.status(created ? 202 : 200).send(backfill);
    },
  );

  app.get('/backfills/:id', { schema: { tags, params: storeParams.extend({ id: z.uuid() }) } }, async (req) =>
    backfills.get(req.params.storeId, req.params.id),
  );

  app.post(
    '/backfills/:id/cancel',
    { schema: { tags, params: storeParams.extend({ id: z.uuid() }) } },
    async (req) => backfills.cancel(req.params.storeId, req.params.id),
  );
};
