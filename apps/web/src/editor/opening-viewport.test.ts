import { describe, expect, it } from 'vitest';
import type { WorkflowGraph } from '../workflows/graph';
import { graphToFlow } from './flow-mapping';
import { openingViewport, WORKING_ZOOM } from './opening-viewport';

const pane = { width: 1000, height: 800 };

function grid(count: number, columns: number): WorkflowGraph {
  return {
    schemaVersion: 1,
    nodes: Array.from({ length: count }, (_, i) => ({
      id: `n${i}`,
      type: i === 0 ? 'trigger.order_created' : 'action.add_tags',
      position: { x: (i % columns) * 260, y: Math.floor(i / columns) * 180 },
      config: {},
    })),
    edges: [],
  };
}

/** Where a flow point lands on screen. */
const onScreen = (v: { x: number; y: number; zoom: number }, p: { x: number; y: number }) => ({
  x: v.x + p.x * v.zoom,
  y: v.y + p.y * v.zoom,
});

describe('opening viewport', () => {
  it('fits a small graph whole, never zooming in past 110 %', () => {
    const { nodes } = graphToFlow(grid(3, 3));
    const v = openingViewport(nodes, pane);
    expect(v.zoom).toBeLessThanOrEqual(1.1);
    const topLeft = onScreen(v, { x: 0, y: 0 });
    const bottomRight = onScreen(v, { x: 2 * 260 + 240, y: 111 });
    expect(topLeft.x).toBeGreaterThanOrEqual(0);
    expect(bottomRight.x).toBeLessThanOrEqual(pane.width);
    expect(bottomRight.y).toBeLessThanOrEqual(pane.height);
  });

  it('opens a graph too big to read whole at its top-left start, at a zoom where card text is legible', () => {
    const { nodes } = graphToFlow(grid(300, 12));
    const v = openingViewport(nodes, pane);
    expect(v.zoom).toBe(WORKING_ZOOM);
    const trigger = onScreen(v, { x: 0, y: 0 });
    expect(trigger.x).toBeGreaterThan(0);
    expect(trigger.x).toBeLessThan(100);
    expect(trigger.y).toBeGreaterThan(0);
    expect(trigger.y).toBeLessThan(100);
  });

  it('centres a tall, narrow graph that is too long to fit', () => {
    const { nodes } = graphToFlow(grid(40, 1));
    const v = openingViewport(nodes, pane);
    expect(v.zoom).toBe(WORKING_ZOOM);
    const centre = onScreen(v, { x: 120, y: 0 });
    expect(centre.x).toBeCloseTo(pane.width / 2);
  });

  it('opens an empty canvas at 100 %', () => {
    expect(openingViewport([], pane)).toEqual({ x: 0, y: 0, zoom: 1 });
  });
});
