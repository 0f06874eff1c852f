import { describe, expect, it } from 'vitest';
import type { WorkflowGraph } from '../workflows/graph';
import { flowToGraph, graphToFlow, idPrefixFor, newId } from './flow-mapping';

const vip: WorkflowGraph = {
  schemaVersion: 1,
  nodes: [
    { id: 't1', type: 'trigger.order_created', position: { x: 0, y: 0 }, config: {} },
    {
      id: 'c1',
      type: 'condition.if',
      position: { x: 0, y: 120 },
      config: { condition: { all: [{ field: 'customer.lifetimeSpend', op: 'gt', value: 500000 }] } },
    },
    {
      id: 'a1',
      type: 'action.assign_group',
      position: { x: 0, y: 240 },
      config: { group: 'VIP member' },
      label: 'VIP',
    },
  ],
  edges: [
    { id: 'e1', source: 't1', target: 'c1' },
    { id: 'e2', source: 'c1', sourceHandle: 'true', target: 'a1' },
  ],
};

describe('flow mapping', () => {
  it('round-trips the DESIGN §4 graph unchanged', () => {
    const { nodes, edges } = graphToFlow(vip);
    expect(flowToGraph(nodes, edges)).toEqual(vip);
  });

  it('renders every workflow node with the one React Flow node type and keeps the workflow type in data', () => {
    const { nodes } = graphToFlow(vip);
    expect(nodes.map((n) => n.type)).toEqual(['workflow', 'workflow', 'workflow']);
    expect(nodes[1]!.data.nodeType).toBe('condition.if');
  });

  it('drops view-only React Flow state (selection, measured size) and rounds positions when saving', () => {
    const { nodes, edges } = graphToFlow(vip);
    const viewed = nodes.map((n) => ({
      ...n,
      selected: true,
      measured: { width: 240, height: 90 },
      position: { x: 10.4, y: 19.6 },
    }));
    const saved = flowToGraph(
      viewed,
      edges.map((e) => ({ ...e, selected: true })),
    );
    expect(saved.nodes[0]).toEqual({
      id: 't1',
      type: 'trigger.order_created',
      position: { x: 10, y: 20 },
      config: {},
    });
    expect(saved.edges[0]).toEqual({ id: 'e1', source: 't1', target: 'c1' });
  });

  it('treats an explicit "next" handle as the single default output', () => {
    const graph: WorkflowGraph = {
      ...vip,
      edges: [{ id: 'e1', source: 't1', sourceHandle: 'next', target: 'c1' }],
    };
    const { edges } = graphToFlow(graph);
    expect(edges[0]!.sourceHandle).toBeUndefined();
  });

  it('makes short prefixed ids that do not repeat', () => {
    const ids = new Set(Array.from({ length: 200 }, () => newId(idPrefixFor('condition.if'))));
    expect(ids.size).toBe(200);
    expect([...ids][0]).toMatch(/^c_[0-9a-z]{8}$/);
    expect(idPrefixFor('trigger.manual')).toBe('t');
    expect(idPrefixFor('action.wait')).toBe('a');
  });
});
