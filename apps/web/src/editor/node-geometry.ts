import { type NodeHandle, Position } from '@xyflow/react';
import { acceptsInput, outputHandlesFor } from './connection-rules';

/**
 * A card's size and handle positions before the browser has measured it, from the stylesheet
 * (`.wf-node` in editor.css: 240 px wide; heights by kind as measured in Chromium). React Flow
 * uses them until the card is rendered and measured, which lets it (1) skip rendering cards
 * outside the view on the very first render (it otherwise renders every node once to measure
 * it) and (2) draw edges to cards it has not rendered. The size is also given as `measured`:
 * when the rendered card has that size, React Flow's measuring pass reports no change, so opening
 * a workflow costs no second render of every visible card, edge and minimap node. A card of
 * another size (a long title, a wrapped summary) is reported as usual and then uses its
 * measured handles (see graph-slice.ts).
 */
export interface EstimatedGeometry {
  initialWidth: number;
  initialHeight: number;
  measured: { width: number; height: number };
  handles: NodeHandle[];
}

/** The card width (`.wf-node { width }`). */
export const CARD_WIDTH = 240;
const CARD_HEIGHT: Record<string, number> = { trigger: 111, condition: 104, action: 92 };
/** `.react-flow__handle.wf-handle` is 11 px square and straddles the card's edge. */
const HANDLE_SIZE = 11;
const HANDLE_OVERHANG = 6.5;
/**
 * `.wf-node`'s side border: a handle's `left: N%` is a share of the padding box inside it, so
 * the estimate lands where the browser puts the handle (edges are not redrawn once it measures).
 */
const CARD_BORDER = 1;

/** The estimated geometry of a node of `nodeType` with `config` (its outputs depend on it). */
export function estimatedGeometry(nodeType: string, config: Record<string, unknown>): EstimatedGeometry {
  const height = CARD_HEIGHT[nodeType.split('.')[0] ?? ''] ?? CARD_HEIGHT.action!;
  const handles: NodeHandle[] = [];
  const at = (share: number) => CARD_BORDER + share * (CARD_WIDTH - 2 * CARD_BORDER) - HANDLE_SIZE / 2;
  if (acceptsInput(nodeType))
    handles.push({
      type: 'target',
      position: Position.Top,
      x: at(0.5),
      y: -2.5,
      width: HANDLE_SIZE,
      height: HANDLE_SIZE,
    });
  const outputs = outputHandlesFor(nodeType, config);
  outputs.forEach((output, i) => {
    handles.push({
      id: output.id,
      type: 'source',
      position: Position.Bottom,
      x: at((i + 0.5) / outputs.length),
      y: height - HANDLE_OVERHANG,
      width: HANDLE_SIZE,
      height: HANDLE_SIZE,
    });
  });
  return {
    initialWidth: CARD_WIDTH,
    initialHeight: height,
    measured: { width: CARD_WIDTH, height },
    handles,
  };
}
