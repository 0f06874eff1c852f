import type { FastifyInstance } from 'fastify';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { conditionArb } from '../../conditions/condition-arbitraries';
import { buildTestApp } from '../../testing/test-app';
import { closeTestPool, createTestStore } from '../../testing/test-database';

let app: FastifyInstance;
let storeId: string;

beforeAll(async () => {
  app = await buildTestApp();
  storeId = await createTestStore();
});
afterAll(async () => {
  await app.close();
  await closeTestPool();
});

const routes = [
  ['POST', '/segments'],
  ['POST', '/segments/preview'],
  ['POST', '/segments/explain'],
  ['POST', '/segments/overlap'],
  ['PUT', '/segments/00000000-0000-4000-8000-000000000000'],
] as const;

// Arbitrary JSON, condition-shaped JSON with random field/op/value, and valid trees with junk around.
const leafish = fc.record(
  {
    field: fc.oneof(
      fc.constantFrom('customer.lifetimeSpend', 'customer.tags', 'segment', 'purchase.sku'),
      fc.string(),
    ),
    op: fc.oneof(
      fc.constantFrom('gt', 'contains_any', 'in_segment', 'has_purchased', 'between'),
      fc.string(),
    ),
    value: fc.jsonValue(),
    withinDays: fc.oneof(fc.integer(), fc.double()),
  },
  { requiredKeys: [] },
);
const body = fc.oneof(
  fc.jsonValue(),
  fc.record(
    {
      name: fc.oneof(fc.string(), fc.jsonValue()),
      condition: fc.oneof(conditionArb, leafish, fc.jsonValue(), fc.record({ all: fc.array(leafish) })),
      sort: fc.oneof(fc.jsonValue(), fc.record({ field: fc.string(), direction: fc.string() })),
      limit: fc.oneof(fc.integer(), fc.jsonValue()),
      cursor: fc.oneof(fc.string(), fc.base64String()),
      customerId: fc.oneof(fc.integer(), fc.string(), fc.jsonValue()),
      segmentIds: fc.oneof(fc.array(fc.uuid()), fc.jsonValue()),
    },
    { requiredKeys: [] },
  ),
);

describe('segment routes under arbitrary input', () => {
  it('never answer 5xx (1,000 random bodies)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...routes), body, async ([method, path], payload) => {
        const res = await app.inject({
          method,
          url: `/api/stores/${storeId}${path}`,
          payload: payload as object,
        });
        expect(res.statusCode, `${method} ${path} ${JSON.stringify(payload)} → ${res.body}`).toBeLessThan(
          500,
        );
      }),
      { numRuns: 1000 },
    );
  }, 120_000);
});
