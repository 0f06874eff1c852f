import { getNodesBounds, getViewportForBounds, type Viewport } from '@xyflow/react';
import type { WorkflowFlowNode } from './flow-mapping';

/**
 * The lowest zoom the editor opens at: React Flow's own default floor, where card text still
 * reads. A graph too big to fit at it opens at its top (where triggers are) instead of shrinking
 * to unreadable specks; the minimap and zoom controls show the rest.
 */
export const READABLE_ZOOM = 0.5;
const MAX_OPEN_ZOOM = 1.1;
/** Fraction of the pane kept around a fitted graph, as React Flow's fitView padding. */
const FIT_PADDING = 0.12;
/** Pixels kept above and beside a graph opened at its top. */
const EDGE_PADDING = 32;

/**
 * Where the editor opens, from the stored positions and estimated card sizes, so React Flow
 * starts at the right place instead of fitting after every card has been rendered and measured:
 * the whole graph when it fits at a readable zoom, else its top at that zoom, horizontally centred
 * on the topmost node and kept within the graph's sides.
 */
export function openingViewport(
  nodes: readonly WorkflowFlowNode[],
  pane: { width: number; height: number },
): Viewport {
  if (nodes.length === 0) return { x: 0, y: 0, zoom: 1 };
  const bounds = getNodesBounds([...nodes]);
  const fit = getViewportForBounds(bounds, pane.width, pane.height, 0, MAX_OPEN_ZOOM, FIT_PADDING);
  if (fit.zoom >= READABLE_ZOOM) return fit;
  const zoom = READABLE_ZOOM;
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
