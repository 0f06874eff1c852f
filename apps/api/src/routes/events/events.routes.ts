import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { EventRepository } from './events.repository';
import { ingestEvents } from './ingest.service';

/** Body limit of `POST /events`: room for a full batch of 1,000 rich events. */
export const EVENTS_BODY_LIMIT = 8 * 1024 * 1024;

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
        body: z.record(z.string(), z.unknown()),
      },
    },
    async (req, reply) => reply.status(202).send(await ingestEvents(events, req.params.storeId, req.body)),
  );
};
