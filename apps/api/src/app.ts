import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type pg from 'pg';
import { createDb } from './db/client';
import { registerErrorHandling } from './errors';
import { openApiPlugin } from './plugins/openapi';
import { scopeToStore } from './plugins/store-scope';
import { webStaticPlugin } from './plugins/web-static';
import { deliveryConfigFromEnv } from './adapters/delivery-config';
import { createBackfillService } from './backfill/backfill-service';
import { unsubscribeRoutes } from './mail/unsubscribe.routes';
import { backfillRoutes } from './routes/backfills/backfills.routes';
import { couponRoutes } from './routes/coupons/coupons.routes';
import { customerGroupRoutes } from './routes/customer-groups/customer-groups.routes';
import { emailRoutes } from './routes/emails/emails.routes';
import { importRoutes } from './routes/imports/imports.routes';
import { webhookRoutes } from './webhooks/webhooks.routes';
import { catalogRoutes } from './routes/catalog/catalog.routes';
import { createCustomerRepository } from './routes/customers/customers.repository';
import { customerRoutes } from './routes/customers/customers.routes';
import { createEventRepository, type InlineHandoff } from './routes/events/events.repository';
import { eventRoutes } from './routes/events/events.routes';
import { createFieldValuesRepository } from './routes/field-values/field-values.repository';
import { fieldValueRoutes } from './routes/field-values/field-values.routes';
import { healthRoutes } from './routes/health/health.routes';
import { createRunRepository } from './routes/runs/runs.repository';
import { runRoutes } from './routes/runs/runs.routes';
import { createSegmentRepository } from './routes/segments/segments.repository';
import { FactsIndexes } from './segments/facts-index/facts-indexes';
import { segmentRoutes } from './routes/segments/segments.routes';
import { createStoreRepository } from './routes/stores/stores.repository';
import { storeRoutes } from './routes/stores/stores.routes';
import { createWorkflowRepository } from './routes/workflows/workflows.repository';
import { workflowRoutes } from './routes/workflows/workflows.routes';

/** What the app needs from its host (server, tests). */
export interface AppOptions {
  pool: pg.Pool;
  logger?: FastifyServerOptions['logger'];
  /** Built SPA to serve with index.html fallback; omit to serve the API only. */
  webRoot?: string;
  /** Default body limit in bytes (events allow more). */
  bodyLimit?: number;
  /** In-memory segment indexes for previews; default: one per app, unless `SEGMENT_INDEX=off`. */
  factsIndexes?: FactsIndexes | null;
  /** Where ingested events go at once besides their job (worker/inline-execution.ts); none by default. */
  inline?: InlineHandoff;
}

/** Builds the Fastify app. The register order below is the table of contents of the API. */
export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: options.bodyLimit ?? 1024 * 1024,
    requestIdHeader: 'x-request-id',
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandling(app);

  const db = createDb(options.pool);
  const stores = createStoreRepository(db);
  const factsIndexes =
    options.factsIndexes !== undefined
      ? options.factsIndexes
      : process.env.SEGMENT_INDEX === 'off'
        ? null
        : new FactsIndexes(options.pool, {
            maxCustomers: Number(process.env.SEGMENT_INDEX_MAX_CUSTOMERS) || undefined,
            log: (message) => app.log.info(message),
          });

  // Plugins
  await app.register(openApiPlugin);

  // Routes: global
  await app.register(healthRoutes, { prefix: '/api', pool: options.pool });
  await app.register(catalogRoutes, { prefix: '/api' });
  await app.register(storeRoutes, { prefix: '/api', stores });
  await app.register(unsubscribeRoutes, { prefix: '/api', pool: options.pool });

  // Routes: per store (an unknown store answers 404 before any handler)
  await app.register(
    async (scoped) => {
      scopeToStore(scoped, stores);
      await scoped.register(workflowRoutes, { workflows: createWorkflowRepository(db), pool: options.pool });
      await scoped.register(eventRoutes, { events: createEventRepository(options.pool, options.inline) });
      await scoped.register(customerRoutes, { customers: createCustomerRepository(db) });
      await scoped.register(fieldValueRoutes, { fieldValues: createFieldValuesRepository(options.pool) });
      await scoped.register(segmentRoutes, {
        segments: createSegmentRepository(db, options.pool),
        pool: options.pool,
        factsIndexes,
      });
      await scoped.register(runRoutes, { runs: createRunRepository(db) });
      await scoped.register(backfillRoutes, { backfills: createBackfillService(options.pool) });
      await scoped.register(customerGroupRoutes, { pool: options.pool });
      await scoped.register(importRoutes, { pool: options.pool });
      await scoped.register(couponRoutes, { pool: options.pool });
      await scoped.register(emailRoutes, { pool: options.pool, config: deliveryConfigFromEnv() });
      await scoped.register(webhookRoutes, { pool: options.pool });
    },
    { prefix: '/api/stores/:storeId' },
  );

  // The SPA, last: everything that is not /api
  if (options.webRoot) await app.register(webStaticPlugin, { root: options.webRoot });
  return app;
}
