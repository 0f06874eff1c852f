import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { EventRepository } from './events.repository';
import { ingestEvents } from './ingest.service';

/** Body limit of `POST /events`: room for a full batch of 1,000 rich events. */
export const EVENTS_BODY_LIMIT = 8 * 1024 * 1024;

/**
 * Causal depth of the events of a request (default 0). Our own outgoing effects (webhooks to the
 * store, connectors) send it as their cause's depth + 1, so that when they come back as store
 * events a loop across workflows still reaches the depth limit and stops, recorded.
 */
export const CAUSAL_DEPTH_HEADER = 'x-segflow-causal-depth';

/** `POST /events`: one event or `{events: [...]}` → 202 `{accepted, duplicates, rejected}`. */
export const eventRoutes: FastifyPluginAsyncZod<{ events: EventRepository }> = async (app, { events }) => {
  app.post(
    '/events',
    {
      bodyLimit: EVENTS_BODY_LIMIT,
      schema: {
        tags: ['events'],
        summary: 'Ingest one store event or a batch of up to 1,000',
        params: z.object({ storeId: z.string().min(1).max(100) }),
        headers: z.object({ [CAUSAL_DEPTH_HEADER]: z.coerce.number().int().min(0).max(1000).optional() }),
        body: z.record(z.string(), z.unknown()),
      },
    },
    async (req, reply) =>
      reply
        .status(202)
        .send(
          await ingestEvents(events, req.params.storeId, req.body, req.headers[CAUSAL_DEPTH_HEADER] ?? 0),
        ),
  );
};
