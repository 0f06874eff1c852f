import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from './app';
import { createPool } from './db/pool';
import { freePort } from './local/embedded-postgres';

// Postgres unreachable: the API answers 503 with a retry hint, never 500.
let app: Awaited<ReturnType<typeof buildApp>>;
let pool: ReturnType<typeof createPool>;

beforeAll(async () => {
  pool = createPool({
    connectionString: `postgres://postgres@127.0.0.1:${await freePort()}/none`,
    onError: () => {},
  });
  app = await buildApp({ pool });
});
afterAll(async () => {
  await app.close();
  await pool.end();
});

describe('when Postgres is unreachable', () => {
  it('answers ingest and health with 503 database_unavailable and Retry-After', async () => {
    for (const [method, url] of [
      ['POST', '/api/stores/demo/events'],
      ['GET', '/api/health'],
    ] as const) {
      const res = await app.inject({ method, url, ...(method === 'POST' ? { payload: { id: 'e1' } } : {}) });
      expect(res.statusCode).toBe(503);
      expect(res.headers['retry-after']).toBe('5');
      expect(res.json().error.code).toBe('database_unavailable');
    }
  });
});
