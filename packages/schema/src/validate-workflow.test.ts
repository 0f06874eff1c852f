import { describe, expect, it } from 'vitest';
import { validateWorkflow } from './validate-workflow';

const node = (id: string, type: string, config: Record<string, unknown> = {}) => ({
  id,
  type,
  position: { x: 0, y: 0 },
  config,
});
const lifetimeOver = (value: unknown, op = 'gt') => ({
  condition: { all: [{ field: 'customer.lifetimeSpend', op, value }] },
});

const vip = {
  schemaVersion: 1,
  nodes: [
    node('t1', 'trigger.order_created'),
    node('c1', 'condition.if', lifetimeOver(500000)),
    node('a1', 'action.assign_group', { group: 'VIP member' }),
  ],
  edges: [
    { id: 'e1', source: 't1', target: 'c1' },
    { id: 'e2', source: 'c1', sourceHandle: 'true', target: 'a1' },
  ],
};

const codes = (graph: unknown) => validateWorkflow(graph).map((i) => [i.code, i.edgeId ?? i.nodeId]);

describe('validateWorkflow', () => {
  it('accepts the VIP example', () => {
    expect(validateWorkflow(vip)).toEqual([]);
  });

  it('names the cycle, the unreachable node and the wrong operator', () => {
    const graph = {
      ...vip,
      nodes: [
        ...vip.nodes.slice(0, 2),
        node('a1', 'action.assign_group', { group: 'VIP' }),
        node('c2', 'condition.if', lifetimeOver(['a'], 'contains_any')),
        node('lonely', 'action.assign_group', { group: 'x' }),
      ],
      edges: [
        ...vip.edges,
        { id: 'e3', source: 'a1', target: 'c2' },
        { id: 'e4', source: 'c2', sourceHandle: 'true', target: 'a1' },
      ],
    };
    expect(codes(graph)).toEqual([
      ['invalid_operator', 'c2'],
      ['cycle', 'a1'],
      ['cycle', 'c2'],
      ['unreachable_node', 'lonely'],
    ]);
  });

  it('requires a trigger and a handle on branching edges', () => {
    expect(codes({ schemaVersion: 1, nodes: [], edges: [] })).toEqual([['no_trigger', undefined]]);
    const noHandle = { ...vip, edges: [vip.edges[0], { id: 'e2', source: 'c1', target: 'a1' }] };
    expect(codes(noHandle)).toContainEqual(['missing_handle', 'e2']);
  });

  it('never throws on garbage', () => {
    for (const raw of [null, 1, 'x', [], {}, { schemaVersion: 9 }, { schemaVersion: 1, nodes: 'x' }]) {
      expect(validateWorkflow(raw).length).toBeGreaterThan(0);
    }
  });
});
