import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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

const node = (id: string, type: string, config: object = {}) => ({
  id,
  type,
  position: { x: 0, y: 0 },
  config,
});

// Issue 3, "Done when": a cycle, an unreachable node and a wrong operator, each named by its node.
describe('POST …/workflows/validate', () => {
  it('answers 422 naming the cycle, the unreachable node and the wrong operator', async () => {
    const graph = {
      schemaVersion: 1,
      nodes: [
        node('t1', 'trigger.order_created'),
        node('c1', 'condition.if', {
          condition: { all: [{ field: 'customer.lifetimeSpend', op: 'contains', value: 'x' }] },
        }),
        node('a1', 'action.add_tags', { tags: ['a'] }),
        node('a2', 'action.add_tags', { tags: ['b'] }),
        node('lonely', 'action.assign_group', { group: 'Nobody' }),
      ],
      edges: [
        { id: 'e1', source: 't1', target: 'c1' },
        { id: 'e2', source: 'c1', sourceHandle: 'true', target: 'a1' },
        { id: 'e3', source: 'a1', target: 'a2' },
        { id: 'e4', source: 'a2', target: 'a1' },
      ],
    };
    const res = await app.inject({
      method: 'POST',
      url: `/api/stores/${storeId}/workflows/validate`,
      payload: { graph },
    });
    expect(res.statusCode).toBe(422);
    const issues = res.json().issues as Array<{ code: string; nodeId?: string; message: string }>;
    expect(issues).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ code: 'cycle' }),
        expect.objectContaining({ code: 'unreachable_node', nodeId: 'lonely' }),
        expect.objectContaining({ code: 'invalid_operator', nodeId: 'c1' }),
      ]),
    );
    const cycle = issues.find((i) => i.code === 'cycle')!;
    expect(['a1', 'a2']).toContain(cycle.nodeId);
    expect(res.json().error.code).toBe('invalid_graph');
  });

  it('answers 4xx, never 500, to malformed bodies', async () => {
    const url = `/api/stores/${storeId}/workflows/validate`;
    for (const payload of [{}, { graph: null }, { graph: 'x' }, { graph: { nodes: 1 } }, []]) {
      const res = await app.inject({ method: 'POST', url, payload });
      expect(res.statusCode, JSON.stringify(payload)).toBeGreaterThanOrEqual(400);
      expect(res.statusCode).toBeLessThan(500);
      expect(res.json().error.code).toEqual(expect.any(String));
    }
  });
});
