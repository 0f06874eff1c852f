import type { CanvasSliceCreator } from '../canvas-store';
import { idPrefixFor, newId, type WorkflowFlowEdge, type WorkflowFlowNode } from '../flow-mapping';

/** Copy and paste of the selected nodes and the edges between them. */
export interface ClipboardSlice {
  clipboard: { nodes: WorkflowFlowNode[]; edges: WorkflowFlowEdge[] } | null;
  copySelection: () => number;
  paste: () => string[];
  duplicateSelection: () => string[];
}

const OFFSET = 40;

type Clip = ClipboardSlice['clipboard'];
// Copied nodes outlive one editor, so they can be pasted into another workflow in the same tab.
let sessionClipboard: Clip = null;

/** Builds the clipboard slice; pasted nodes get new ids, shift down-right and become the selection. */
export const createClipboardSlice = (): CanvasSliceCreator<ClipboardSlice> => (set, get) => {
  const paste = (): string[] => {
    const clip = get().clipboard;
    if (!clip || clip.nodes.length === 0) return [];
    const ids = new Map(clip.nodes.map((n) => [n.id, newId(idPrefixFor(n.data.nodeType))]));
    const nodes = clip.nodes.map((n) => ({
      ...n,
      id: ids.get(n.id)!,
      position: { x: n.position.x + OFFSET, y: n.position.y + OFFSET },
      data: structuredClone(n.data),
      selected: true,
    }));
    const edges = clip.edges.map((e) => ({
      ...e,
      id: newId('e'),
      source: ids.get(e.source)!,
      target: ids.get(e.target)!,
      selected: false,
    }));
    get().insertFragment(nodes, edges);
    // The next paste lands further down, like every desktop editor.
    set({ clipboard: { nodes, edges } });
    return nodes.map((n) => n.id);
  };
  const copySelection = () => {
    const nodes = get().nodes.filter((n) => n.selected);
    const inside = new Set(nodes.map((n) => n.id));
    const edges = get().edges.filter((e) => inside.has(e.source) && inside.has(e.target));
    if (nodes.length) {
      sessionClipboard = { nodes: nodes.map(({ measured: _m, ...n }) => n), edges };
      set({ clipboard: sessionClipboard });
    }
    return nodes.length;
  };
  return {
    clipboard: sessionClipboard,
    copySelection,
    paste,
    duplicateSelection: () => (copySelection() ? paste() : []),
  };
};
