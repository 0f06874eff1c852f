import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type pg from 'pg';
import type { Readable } from 'node:stream';
import { z } from 'zod';
import { AppError } from '../../errors';
import { importStream } from '../../import/import-stream';

const storeParams = z.object({ storeId: z.string().min(1).max(100) });
const formats: Record<string, 'csv' | 'ndjson'> = {
  'text/csv': 'csv',
  'application/x-ndjson': 'ndjson',
  'application/ndjson': 'ndjson',
  'application/jsonl': 'ndjson',
};

/**
 * `POST /customers/import?kind=customers|orders` with a `text/csv` or `application/x-ndjson`
 * body, streamed (no body limit; never buffered whole). Answers 200 with the report: lines,
 * imported, and the rejected lines with their reasons.
 */
export const importRoutes: FastifyPluginAsyncZod<{ pool: pg.Pool }> = async (app, { pool }) => {
  app.addContentTypeParser(Object.keys(formats), (_req, payload, done) => done(null, payload));
  app.post(
    '/customers/import',
    {
      bodyLimit: Number.MAX_SAFE_INTEGER,
      schema: {
        tags: ['customers'],
        summary: 'Import customers or orders from CSV or NDJSON (streamed, validated line by line)',
        params: storeParams,
        querystring: z.object({ kind: z.enum(['customers', 'orders']).default('customers') }),
      },
    },
    async (req) => {
      const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
      const format = formats[type];
      if (!format) throw new AppError('unsupported_media_type', 'Send text/csv or application/x-ndjson');
      return importStream(pool, req.params.storeId, req.body as Readable, { format, kind: req.query.kind });
    },
  );
};
