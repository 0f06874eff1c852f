import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { runStatuses } from '../../db/schema/index';
import { RunIdSchema } from './recorded-runs';
import type { RunRepository } from './runs.repository';

const storeParams = z.object({ storeId: z.string().min(1).max(100) });
const tags = ['runs'];

/**
 * Run history (`GET /workflows/:id/runs`, `/workflows/:id/stats`), traces (`GET /runs/:id`) and
 * retry of a failed run from its failed step (`POST /runs/:id/retry`). The history and traces
 * include the runs recorded without a row (action-free paths, ids `e<event id>-<version id>`).
 */
export const runRoutes: FastifyPluginAsyncZod<{ runs: RunRepository }> = async (app, { runs }) => {
  app.get(
    '/workflows/:id/runs',
    {
      schema: {
        tags,
        params: storeParams.extend({ id: z.uuid() }),
        querystring: z.object({
          status: z.enum(runStatuses).optional(),
          customerId: z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER).optional(),
          since: z.iso.datetime({ offset: true }).optional(),
          until: z.iso.datetime({ offset: true }).optional(),
          limit: z.coerce.number().int().min(1).max(200).default(50),
          cursor: z.string().max(200).optional(),
        }),
      },
    },
    async (req) => runs.listForWorkflow(req.params.storeId, req.params.id, req.query),
  );

  app.get(
    '/workflows/:id/stats',
    {
      schema: {
        tags,
        params: storeParams.extend({ id: z.uuid() }),
        querystring: z.object({ since: z.iso.datetime({ offset: true }).optional() }),
      },
    },
    async (req) => runs.nodeStats(req.params.storeId, req.params.id, req.query.since),
  );

  // A run id is a stored run's uuid or a recorded run's `e<event row id>-<version id>`.
  app.get('/runs/:id', { schema: { tags, params: storeParams.extend({ id: RunIdSchema }) } }, async (req) =>
    runs.get(req.params.storeId, req.params.id),
  );

  app.post(
    '/runs/:id/retry',
    {
      schema: {
        tags,
        summary: 'Retry a failed run from its failed step (202; the worker continues it)',
        params: storeParams.extend({ id: RunIdSchema }),
      },
    },
    async (req, reply) => reply.status(202).send(await runs.retry(req.params.storeId, req.params.id)),
  );
};
