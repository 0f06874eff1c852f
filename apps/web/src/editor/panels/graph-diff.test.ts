import { describe, expect, it } from 'vitest';
import type { WorkflowGraph } from '../../workflows/graph';
import { describeDiff, diffGraphs } from './graph-diff';

const v1: WorkflowGraph = {
  schemaVersion: 1,
  nodes: [
    { id: 't1', type: 'trigger.order_created', position: { x: 0, y: 0 }, config: {} },
    { id: 'a1', type: 'action.assign_group', position: { x: 0, y: 200 }, config: { group: 'VIP' } },
  ],
  edges: [{ id: 'e1', source: 't1', target: 'a1' }],
};

describe('graph diff', () => {
  it('ignores moves and reports added, removed and changed nodes and connections', () => {
    const draft: WorkflowGraph = {
      schemaVersion: 1,
      nodes: [
        { id: 't1', type: 'trigger.order_created', position: { x: 50, y: 0 }, config: {} },
        {
          id: 'a1',
          type: 'action.assign_group',
          position: { x: 0, y: 200 },
          config: { group: 'VIP member' },
        },
        { id: 'a2', type: 'action.add_tags', position: { x: 0, y: 400 }, config: { tags: ['vip'] } },
      ],
      edges: [{ id: 'e9', source: 'a1', target: 'a2' }],
    };
    const diff = diffGraphs(v1, draft);
    expect(diff).toEqual({ added: ['a2'], removed: [], changed: ['a1'], edgesAdded: 1, edgesRemoved: 1 });
    expect(describeDiff(diff)).toBe('1 node added, 1 node changed, 1 connection added, 1 connection removed');
  });

  it('says "No changes" for a graph that only moved', () => {
    const moved = { ...v1, nodes: v1.nodes.map((n) => ({ ...n, position: { x: 9, y: 9 } })) };
    expect(describeDiff(diffGraphs(v1, moved))).toBe('No changes');
  });
});
