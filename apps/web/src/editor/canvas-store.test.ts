import { describe, expect, it } from 'vitest';
import type { WorkflowGraph } from '../workflows/graph';
import { createCanvasStore } from './canvas-store';
import { selectInspectedId, selectIsDirty } from './selectors';

const graph: WorkflowGraph = {
  schemaVersion: 1,
  nodes: [
    { id: 't1', type: 'trigger.order_created', position: { x: 0, y: 0 }, config: {} },
    { id: 'c1', type: 'condition.if', position: { x: 0, y: 150 }, config: { condition: { all: [] } } },
  ],
  edges: [{ id: 'e1', source: 't1', target: 'c1' }],
};

const seed = () => createCanvasStore({ workflowId: 'w1', name: 'VIP', revision: 3, graph });

describe('canvas store', () => {
  it('adds a node selected and alone in the selection', () => {
    const store = seed();
    store.getState().selectOnly(['t1']);
    const id = store.getState().addNode('action.assign_group', { x: 0, y: 300 }, { group: '' });
    expect(selectInspectedId(store.getState())).toBe(id);
    expect(store.getState().nodes).toHaveLength(3);
  });

  it('connects a branch handle and refuses a duplicate, a loop and an edge into a trigger', () => {
    const store = seed();
    const a = store.getState().addNode('action.assign_group', { x: 0, y: 300 }, { group: 'VIP' });
    const s = store.getState();
    expect(s.connect({ source: 'c1', sourceHandle: 'true', target: a, targetHandle: null })).toBeNull();
    expect(
      store.getState().connect({ source: 'c1', sourceHandle: 'true', target: a, targetHandle: null }),
    ).toMatch(/already/);
    expect(
      store.getState().connect({ source: a, sourceHandle: null, target: 'c1', targetHandle: null }),
    ).toMatch(/loop/);
    expect(
      store.getState().connect({ source: a, sourceHandle: null, target: 't1', targetHandle: null }),
    ).toMatch(/trigger/);
    expect(
      store.getState().connect({ source: 'c1', sourceHandle: 'maybe', target: a, targetHandle: null }),
    ).toMatch(/output/);
    expect(store.getState().edges).toHaveLength(2);
  });

  it('undoes and redoes config edits', () => {
    const store = seed();
    store
      .getState()
      .updateConfig('c1', { condition: { all: [{ field: 'customer.orderCount', op: 'gt', value: 3 }] } });
    store.getState().undo();
    expect(store.getState().nodes[1]!.data.config).toEqual({ condition: { all: [] } });
    store.getState().redo();
    expect(store.getState().nodes[1]!.data.config).toEqual({
      condition: { all: [{ field: 'customer.orderCount', op: 'gt', value: 3 }] },
    });
  });

  it('does not record selection or measuring as undo steps', () => {
    const store = seed();
    store.getState().onNodesChange([{ type: 'select', id: 't1', selected: true }]);
    store
      .getState()
      .onNodesChange([{ type: 'dimensions', id: 't1', dimensions: { width: 240, height: 90 } }]);
    expect(store.temporal.getState().pastStates).toHaveLength(0);
    expect(selectIsDirty(store.getState())).toBe(false);
  });

  it('records a whole drag as one undo step', () => {
    const store = seed();
    const s = store.getState();
    s.beginBatch();
    for (let i = 1; i <= 10; i++)
      store
        .getState()
        .onNodesChange([{ type: 'position', id: 't1', position: { x: i * 10, y: 0 }, dragging: true }]);
    store.getState().endBatch();
    expect(store.temporal.getState().pastStates).toHaveLength(1);
    expect(store.getState().nodes[0]!.position).toEqual({ x: 100, y: 0 });
    store.getState().undo();
    expect(store.getState().nodes[0]!.position).toEqual({ x: 0, y: 0 });
  });

  it('removes a node with its edges, and undo brings both back', () => {
    const store = seed();
    store.getState().removeNodes(['c1']);
    expect(store.getState().edges).toHaveLength(0);
    store.getState().undo();
    expect(store.getState().nodes).toHaveLength(2);
    expect(store.getState().edges).toHaveLength(1);
  });

  it('pastes copies with new ids, offset, connected among themselves and selected', () => {
    const store = seed();
    store.getState().selectOnly(['t1', 'c1']);
    expect(store.getState().copySelection()).toBe(2);
    const ids = store.getState().paste();
    const state = store.getState();
    expect(ids).toHaveLength(2);
    expect(ids.some((id) => id === 't1' || id === 'c1')).toBe(false);
    const copies = state.nodes.filter((n) => ids.includes(n.id));
    expect(copies.every((n) => n.selected)).toBe(true);
    expect(copies[0]!.position).toEqual({ x: 40, y: 40 });
    expect(state.edges.filter((e) => ids.includes(e.source) && ids.includes(e.target))).toHaveLength(1);
  });

  it('tracks dirtiness against the last save, including the name', () => {
    const store = seed();
    expect(selectIsDirty(store.getState())).toBe(false);
    store.getState().setName('VIP over $5,000');
    expect(selectIsDirty(store.getState())).toBe(true);
    store.getState().markSaved(4, store.getState().changeCount, 'VIP over $5,000');
    expect(selectIsDirty(store.getState())).toBe(false);
    expect(store.getState().revision).toBe(4);
    store.getState().setPositions({ t1: { x: 5, y: 5 } });
    expect(selectIsDirty(store.getState())).toBe(true);
  });

  it('drops the outgoing edge of a switch case that is removed', () => {
    const store = createCanvasStore({
      workflowId: 'w',
      name: 'Tiers',
      revision: 1,
      graph: {
        schemaVersion: 1,
        nodes: [
          {
            id: 's',
            type: 'condition.switch',
            position: { x: 0, y: 0 },
            config: { cases: [{ id: 'gold', label: 'Gold', condition: { all: [] } }] },
          },
          { id: 'a', type: 'action.assign_group', position: { x: 0, y: 200 }, config: { group: 'Gold' } },
        ],
        edges: [{ id: 'e', source: 's', sourceHandle: 'gold', target: 'a' }],
      },
    });
    store.getState().updateConfig('s', { cases: [] });
    expect(store.getState().edges).toHaveLength(0);
  });
});

describe('clipboard across editors', () => {
  it('pastes nodes copied in one workflow into another opened later', () => {
    const first = seed();
    first.getState().selectOnly(['c1']);
    first.getState().copySelection();
    const second = createCanvasStore({
      workflowId: 'w2',
      name: 'Other',
      revision: 1,
      graph: { schemaVersion: 1, nodes: [], edges: [] },
    });
    expect(second.getState().paste()).toHaveLength(1);
    expect(second.getState().nodes[0]!.data.nodeType).toBe('condition.if');
  });
});

describe('estimated geometry', () => {
  it('keeps a node’s estimated handles until it is measured, then drops them without marking a change', () => {
    const store = seed();
    expect(store.getState().nodes[1]!.handles?.map((h) => h.id ?? null)).toEqual([null, 'true', 'false']);
    store
      .getState()
      .onNodesChange([
        { type: 'dimensions', id: 'c1', dimensions: { width: 240, height: 104 }, setAttributes: true },
      ]);
    const [trigger, condition] = store.getState().nodes;
    expect(condition!.handles).toBeUndefined();
    expect(condition!.measured).toEqual({ width: 240, height: 104 });
    expect(trigger!.handles).toHaveLength(1);
    expect(selectIsDirty(store.getState())).toBe(false);
  });
});
