import type { FastifyInstance } from 'fastify';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tierGraph } from '../backfill/tier-graph';
import { buildTestApp, orderEvent } from '../testing/test-app';
import { closeTestPool, createTestStore } from '../testing/test-database';
import { publishWorkflow } from './action-test-kit';

let app: FastifyInstance;
let storeId: string;
let workflowId: string;

beforeAll(async () => {
  app = await buildTestApp();
  storeId = await createTestStore();
  workflowId = await publishWorkflow(app, storeId, tierGraph(), false);
  await app.inject({
    method: 'POST',
    url: `/api/stores/${storeId}/events`,
    payload: orderEvent('fz-1', 100),
  });
});
afterAll(async () => {
  await app.close();
  await closeTestPool();
});

type Method = 'GET' | 'POST';
const routes: [Method, string, string?][] = [
  ['GET', '/api/stores/:store/customer-groups'],
  ['GET', '/api/stores/:store/coupons'],
  ['GET', '/api/stores/:store/emails'],
  ['POST', '/api/stores/:store/emails/preview'],
  ['GET', '/api/stores/:store/webhook-deliveries'],
  ['POST', '/api/stores/:store/workflows/:id/backfill'],
  ['GET', '/api/stores/:store/backfills/:id'],
  ['POST', '/api/stores/:store/backfills/:id/cancel'],
  ['POST', '/api/stores/:store/customers/import', 'text/csv'],
  ['POST', '/api/stores/:store/customers/import', 'application/x-ndjson'],
  ['GET', '/api/unsubscribe/:id'],
];

const validBodies = [
  { subject: 'Hi {{ customer.firstName }}', body: '{{ coupon.code }}', customerId: 'fz-1' },
  { condition: { all: [{ field: 'customer.lifetimeSpend', op: 'gt', value: 100 }] } },
];
const body = fc.oneof(
  fc.jsonValue(),
  fc.constantFrom(...validBodies),
  fc.record({ subject: fc.string(), body: fc.string(), customerId: fc.oneof(fc.string(), fc.integer()) }),
  fc.record({ condition: fc.jsonValue() }),
);
const text = fc
  .array(
    fc.oneof(
      fc.string(),
      fc.jsonValue().map((v) => JSON.stringify(v)),
    ),
    { maxLength: 6 },
  )
  .map((lines) => lines.join('\n'));
const segment = (known: () => string) =>
  fc.oneof(
    fc.constant(known),
    fc.string({ maxLength: 80 }).map((s) => () => s),
    fc.uuid().map((u) => () => u),
  );
const query = fc.dictionary(
  fc.constantFrom('q', 'limit', 'cursor', 'status', 'customerId', 'kind'),
  fc.string({ maxLength: 30 }),
);

describe('bad input to the action routes', () => {
  it('gets a 4xx with {error: {code, message}} (or a 2xx), never a 500', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...routes),
        segment(() => storeId),
        segment(() => workflowId),
        body,
        text,
        query,
        async ([method, template, contentType], store, id, payload, raw, qs) => {
          const path = template
            .replace(':store', encodeURIComponent(store() || 'x'))
            .replace(':id', encodeURIComponent(id() || 'x'));
          const res = await app.inject({
            method,
            url: `${path}?${new URLSearchParams(qs).toString()}`,
            ...(method === 'GET'
              ? {}
              : contentType
                ? { payload: raw, headers: { 'content-type': contentType } }
                : {
                    payload: JSON.stringify(payload ?? null),
                    headers: { 'content-type': 'application/json' },
                  }),
          });
          expect(res.statusCode, `${method} ${path}: ${res.body}`).toBeLessThan(500);
          if (res.statusCode >= 400 && !res.headers['content-type']?.toString().startsWith('text/html')) {
            const parsed = res.json() as { error: { code: unknown; message: unknown } };
            expect(typeof parsed.error.code).toBe('string');
            expect(typeof parsed.error.message).toBe('string');
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
