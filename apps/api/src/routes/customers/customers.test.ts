import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp } from '../../testing/test-app';
import { closeTestPool, createTestStore, getTestPool } from '../../testing/test-database';

let app: FastifyInstance;
let storeId: string;

beforeAll(async () => {
  app = await buildTestApp();
  storeId = await createTestStore();
  await getTestPool().query(
    `INSERT INTO customers (store_id, external_id, email, first_name, tags, group_name, attributes) VALUES
       ($1, 'c1', 'ana@example.com', 'Ana', '{vip,texas}', 'VIP member', '{"income": "75-100k"}'),
       ($1, 'c2', 'bo@example.com', 'Bo', '{texas}', NULL, '{"income": "50-75k"}'),
       ($1, 'c3', 'cy@example.com', 'Cy', '{}', 'VIP member', '{}')`,
    [storeId],
  );
});
afterAll(async () => {
  await app.close();
  await closeTestPool();
});

const search = async (query: string) => {
  const res = await app.inject({ method: 'GET', url: `/api/stores/${storeId}/customers?${query}` });
  expect(res.statusCode, res.body).toBe(200);
  return (res.json().items as Array<{ externalId: string }>).map((c) => c.externalId).sort();
};

describe('customer search', () => {
  it('finds customers by tag, group and attribute, combined with the text query', async () => {
    expect(await search('tag=texas')).toEqual(['c1', 'c2']);
    expect(await search('group=VIP%20member')).toEqual(['c1', 'c3']);
    expect(await search('attribute=income%3D75-100k')).toEqual(['c1']);
    expect(await search('tag=texas&q=bo')).toEqual(['c2']);
    expect(await search('tag=nobody')).toEqual([]);
  });

  it('answers 400 naming the parameter for a malformed attribute filter', async () => {
    const res = await app.inject({ method: 'GET', url: `/api/stores/${storeId}/customers?attribute=income` });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toMatch(/attribute/);
  });
});
