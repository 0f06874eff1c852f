import { WorkflowGraphSchema, validateWorkflow } from '@segflow/schema';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { invalidGraph, publishWorkflow } from './publish.service';
import type pg from 'pg';
import { backtestWorkflow } from './backtest.service';
import { testRunWorkflow } from './test-run.service';
import type { WorkflowRepository } from './workflows.repository';

const storeParams = z.object({ storeId: z.string().min(1).max(100) });
const workflowParams = storeParams.extend({ id: z.uuid() });
const name = z.string().trim().min(1).max(200);
const tags = ['workflows'];

/** Workflows CRUD, validate, publish, activate / deactivate and versions (under /stores/:storeId). */
export const workflowRoutes: FastifyPluginAsyncZod<{ workflows: WorkflowRepository; pool: pg.Pool }> = async (
  app,
  { workflows, pool },
) => {
  app.get('/workflows', { schema: { tags, params: storeParams } }, async (req) => ({
    items: await workflows.list(req.params.storeId),
    nextCursor: null,
  }));

  app.post(
    '/workflows',
    { schema: { tags, params: storeParams, body: z.object({ name, graph: WorkflowGraphSchema }) } },
    async (req, reply) => reply.status(201).send(await workflows.create(req.params.storeId, req.body)),
  );

  app.post(
    '/workflows/validate',
    { schema: { tags, params: storeParams, body: z.object({ graph: z.unknown() }) } },
    async (req) => {
      const issues = validateWorkflow(req.body.graph);
      if (issues.length > 0) throw invalidGraph(issues);
      return { issues: [] };
    },
  );

  app.get('/workflows/:id', { schema: { tags, params: workflowParams } }, async (req) =>
    workflows.get(req.params.storeId, req.params.id),
  );

  app.put(
    '/workflows/:id',
    {
      schema: {
        tags,
        params: workflowParams,
        body: z.object({
          name: name.optional(),
          graph: WorkflowGraphSchema,
          revision: z.number().int().min(1),
        }),
      },
    },
    async (req) => workflows.update(req.params.storeId, req.params.id, req.body),
  );

  app.delete('/workflows/:id', { schema: { tags, params: workflowParams } }, async (req, reply) => {
    await workflows.remove(req.params.storeId, req.params.id);
    return reply.status(204).send();
  });

  app.post(
    '/workflows/:id/publish',
    {
      schema: {
        tags,
        params: workflowParams,
        body: z.object({ note: z.string().max(500).optional() }).nullish(),
      },
    },
    async (req) => publishWorkflow(workflows, req.params.storeId, req.params.id, req.body?.note),
  );

  app.post('/workflows/:id/activate', { schema: { tags, params: workflowParams } }, async (req) =>
    workflows.setActive(req.params.storeId, req.params.id, true),
  );

  app.post('/workflows/:id/deactivate', { schema: { tags, params: workflowParams } }, async (req) =>
    workflows.setActive(req.params.storeId, req.params.id, false),
  );

  app.get('/workflows/:id/versions', { schema: { tags, params: workflowParams } }, async (req) => ({
    items: await workflows.versions(req.params.storeId, req.params.id),
    nextCursor: null,
  }));

  app.post(
    '/workflows/:id/backtest',
    {
      schema: {
        tags,
        summary: 'Dry-run the draft (or a version) over the last N stored events',
        params: workflowParams,
        body: z
          .object({
            version: z.number().int().min(1).optional(),
            limit: z.number().int().min(1).max(1000).default(100),
            since: z.iso.datetime({ offset: true }).optional(),
            until: z.iso.datetime({ offset: true }).optional(),
          })
          .nullish(),
      },
    },
    async (req) =>
      backtestWorkflow(pool, workflows, req.params.storeId, req.params.id, req.body ?? { limit: 100 }),
  );

  app.post(
    '/workflows/:id/test',
    {
      schema: {
        tags,
        summary: 'Dry-run the draft (or the graph sent) for one customer, optionally with a sample event',
        params: workflowParams,
        body: z.object({
          graph: z.unknown().optional(),
          customerId: z
            .union([z.string().trim().min(1).max(200), z.number().int().positive()])
            .transform(String),
          event: z.unknown().optional(),
        }),
      },
    },
    async (req) => testRunWorkflow(pool, workflows, req.params.storeId, req.params.id, req.body),
  );
};
