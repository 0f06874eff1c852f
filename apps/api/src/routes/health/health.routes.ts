import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type pg from 'pg';
import { AppError } from '../../errors';

/** `GET /health`: 200 when the database answers, 503 otherwise. */
export const healthRoutes: FastifyPluginAsyncZod<{ pool: pg.Pool }> = async (app, { pool }) => {
  app.get('/health', { schema: { tags: ['health'], summary: 'Liveness and database check' } }, async () => {
    try {
      await pool.query('SELECT 1');
    } catch {
      throw new AppError('database_unavailable', 'The database is unavailable');
    }
    return { status: 'ok', time: new Date().toISOString() };
  });
};
