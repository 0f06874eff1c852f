import { FieldValuesQuerySchema } from '@segflow/schema';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { FieldValuesRepository } from './field-values.repository';

const storeParams = z.object({ storeId: z.string().min(1).max(100) });

/**
 * `GET /field-values?field=&q=&limit=`: the values of a field present in the store's data, with how
 * many customers have each, for the condition builder's pickers.
 */
export const fieldValueRoutes: FastifyPluginAsyncZod<{ fieldValues: FieldValuesRepository }> = async (
  app,
  { fieldValues },
) => {
  app.get(
    '/field-values',
    {
      schema: {
        tags: ['catalog'],
        summary: 'Distinct values of a field in the store, most customers first',
        params: storeParams,
        querystring: FieldValuesQuerySchema,
      },
    },
    async (req) => ({
      field: req.query.field,
      values: await fieldValues.list(req.params.storeId, req.query),
    }),
  );
};
