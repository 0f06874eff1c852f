import { getNodesBounds, getViewportForBounds, type Viewport } from '@xyflow/react';
import type { WorkflowFlowNode } from './flow-mapping';

/**
 * The lowest zoom a whole graph is fitted at: React Flow's own default floor (card text ~6.5 px,
 * an overview). A graph too big to fit at it opens at its top (where triggers are) at
 * {@link WORKING_ZOOM} instead of shrinking to unreadable specks; the minimap and zoom controls
 * show the rest.
 */
export const READABLE_ZOOM = 0.5;
/**
 * The zoom a graph too big to show whole opens at: card text ~10 px, legible, like a long document
 * opened at its start. It also mounts half the cards of 50 % (24 instead of 54 for the 300-node
 * bench graph), so the canvas is usable sooner (open 430 → 259 ms measured, apps/web/README.md).
 */
export const WORKING_ZOOM = 0.75;
const MAX_OPEN_ZOOM = 1.1;
/** Fraction of the pane kept around a fitted graph, as React Flow's fitView padding. */
const FIT_PADDING = 0.12;
/** Pixels kept above and beside a graph opened at its top. */
const EDGE_PADDING = 32;

/**
 * Where the editor opens, from the stored positions and estimated card sizes, so React Flow
 * starts at the right place instead of fitting after every card has been rendered and measured:
 * the whole graph when it fits at {@link READABLE_ZOOM} or more, else its top at
 * {@link WORKING_ZOOM}, horizontally centred on the topmost node and kept within the graph's sides.
 */
export function openingViewport(
  nodes: readonly WorkflowFlowNode[],
  pane: { width: number; height: number },
): Viewport {
  if (nodes.length === 0) return { x: 0, y: 0, zoom: 1 };
  const bounds = getNodesBounds([...nodes]);
  const fit = getViewportForBounds(bounds, pane.width, pane.height, 0, MAX_OPEN_ZOOM, FIT_PADDING);
  if (fit.zoom >= READABLE_ZOOM) return fit;
  const zoom = WORKING_ZOOM;
  const y = EDGE_PADDING - bounds.y * zoom;
  if (bounds.width * zoom <= pane.width - 2 * EDGE_PADDING)
    return { x: pane.width / 2 - (bounds.x + bounds.width / 2) * zoom, y, zoom };
  const top = nodes.reduce((a, b) => (b.position.y < a.position.y ? b : a));
  const topCentre = top.position.x + (top.initialWidth ?? 0) / 2;
  const centred = pane.width / 2 - topCentre * zoom;
  const leftmost = EDGE_PADDING - bounds.x * zoom;
  const rightmost = pane.width - EDGE_PADDING - (bounds.x + bounds.width) * zoom;
  return { x: Math.min(leftmost, Math.max(rightmost, centred)), y, zoom };
}
