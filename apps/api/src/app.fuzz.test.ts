import fc from 'fast-check';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, orderEvent, vipGraph } from './testing/test-app';
import { closeTestPool, createTestStore } from './testing/test-database';

let app: FastifyInstance;
let storeId: string;
let workflowId: string;

beforeAll(async () => {
  app = await buildTestApp();
  storeId = await createTestStore();
  const res = await app.inject({
    method: 'POST',
    url: `/api/stores/${storeId}/workflows`,
    payload: { name: 'x', graph: vipGraph() },
  });
  workflowId = res.json().id;
});
afterAll(async () => {
  await app.close();
  await closeTestPool();
});

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';
const routes: [Method, string][] = [
  ['GET', '/api/health'],
  ['GET', '/api/catalog'],
  ['GET', '/api/stores'],
  ['GET', '/api/stores/:store/workflows'],
  ['POST', '/api/stores/:store/workflows'],
  ['POST', '/api/stores/:store/workflows/validate'],
  ['GET', '/api/stores/:store/workflows/:id'],
  ['PUT', '/api/stores/:store/workflows/:id'],
  ['DELETE', '/api/stores/:store/workflows/:id'],
  ['POST', '/api/stores/:store/workflows/:id/publish'],
  ['POST', '/api/stores/:store/workflows/:id/activate'],
  ['POST', '/api/stores/:store/workflows/:id/deactivate'],
  ['GET', '/api/stores/:store/workflows/:id/versions'],
  ['GET', '/api/stores/:store/workflows/:id/runs'],
  ['GET', '/api/stores/:store/workflows/:id/stats'],
  ['POST', '/api/stores/:store/events'],
  ['GET', '/api/stores/:store/customers'],
  ['GET', '/api/stores/:store/customers/:id'],
  ['GET', '/api/stores/:store/field-values'],
  ['GET', '/api/stores/:store/runs/:id'],
  ['POST', '/api/stores/:store/runs/:id/retry'],
];

const validBodies = () => [
  { name: 'w', graph: vipGraph() },
  { graph: vipGraph(), revision: 1 },
  orderEvent('fuzz', 100),
  { events: [orderEvent('fuzz', 100)] },
];

/** Bad bodies: random JSON, and valid bodies with one value replaced by junk. */
const body = fc.oneof(
  fc.jsonValue(),
  fc.anything(),
  fc
    .tuple(fc.constantFrom(...validBodies()), fc.jsonValue(), fc.nat())
    .map(([valid, junk, n]) => mutate(valid, junk, n)),
);

function mutate(value: unknown, junk: unknown, n: number): unknown {
  const copy = structuredClone(value) as Record<string, unknown>;
  const paths: [Record<string, unknown>, string][] = [];
  const walk = (node: unknown) => {
    if (node && typeof node === 'object') {
      for (const [k, v] of Object.entries(node)) {
        paths.push([node as Record<string, unknown>, k]);
        walk(v);
      }
    }
  };
  walk(copy);
  const target = paths[n % Math.max(paths.length, 1)];
  if (target) target[0][target[1]] = junk;
  return copy;
}

const segment = (known: () => string) =>
  fc.oneof(
    fc.constant(known),
    fc.string({ maxLength: 120 }).map((s) => () => s),
    fc.uuid().map((u) => () => u),
    // A recorded run's id (`e<event row id>-<version id>`), in range or not.
    fc.tuple(fc.bigInt({ min: 0n, max: 10n ** 20n }), fc.uuid()).map(
      ([n, u]) =>
        () =>
          `e${n}-${u}`,
    ),
  );
const query = fc.dictionary(
  fc.constantFrom('q', 'limit', 'cursor', 'status', 'since', 'customerId', 'field', 'x'),
  fc.string({ maxLength: 40 }),
);

function expectErrorShape(res: { statusCode: number; body: string; json(): unknown }) {
  expect(res.statusCode, res.body).toBeLessThan(500);
  if (res.statusCode >= 400) {
    const parsed = res.json() as { error: { code: unknown; message: unknown } };
    expect(typeof parsed.error.code).toBe('string');
    expect(typeof parsed.error.message).toBe('string');
  }
}

describe('bad input to every route', () => {
  it('gets a 4xx with {error: {code, message}}, never a 500', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...routes),
        segment(() => storeId),
        segment(() => workflowId),
        body,
        query,
        async ([method, template], store, id, payload, qs) => {
          const path = template
            .replace(':store', encodeURIComponent(store() || 'x'))
            .replace(':id', encodeURIComponent(id() || 'x'));
          const url = `${path}?${new URLSearchParams(qs).toString()}`;
          const res = await app.inject({
            method,
            url,
            ...(method === 'GET' || method === 'DELETE'
              ? {}
              : {
                  payload: JSON.stringify(payload ?? null),
                  headers: { 'content-type': 'application/json' },
                }),
          });
          expectErrorShape(res);
        },
      ),
      { numRuns: 250 },
    );
  });

  it('answers malformed JSON with 400 and oversized bodies with 413', async () => {
    const url = `/api/stores/${storeId}/workflows`;
    const broken = await app.inject({
      method: 'POST',
      url,
      payload: '{"name": ',
      headers: { 'content-type': 'application/json' },
    });
    expect(broken.statusCode).toBe(400);
    expect(broken.json().error.code).toBe('invalid_json');
    const huge = await app.inject({
      method: 'POST',
      url,
      payload: JSON.stringify({ name: 'x'.repeat(2_000_000) }),
      headers: { 'content-type': 'application/json' },
    });
    expect(huge.statusCode).toBe(413);
    expect(huge.json().error.code).toBe('payload_too_large');
    const text = await app.inject({
      method: 'POST',
      url,
      payload: 'hello',
      headers: { 'content-type': 'text/plain' },
    });
    expectErrorShape(text);
    expect(text.statusCode).toBe(400);
  });

  it('names the event index and field of a rejected event while accepting the good ones', async () => {
    const good = orderEvent('batch-1', 500);
    const bad = { ...orderEvent('batch-2', 500), order: { ...orderEvent('batch-2', 500).order, total: -5 } };
    const res = await app.inject({
      method: 'POST',
      url: `/api/stores/${storeId}/events`,
      payload: { events: [good, bad] },
    });
    expect(res.statusCode).toBe(202);
    expect(res.json().accepted).toEqual([good.id]);
    expect(res.json().rejected[0]).toMatchObject({ index: 1, id: bad.id });
    expect(res.json().rejected[0].issues[0].path).toBe('events[1].order.total');
    const single = await app.inject({ method: 'POST', url: `/api/stores/${storeId}/events`, payload: bad });
    expect(single.statusCode).toBe(400);
    expect(single.json().error.message).toMatch(/order\.total/);
  });
});
