import { useReactFlow, type XYPosition } from '@xyflow/react';
import { useCallback } from 'react';
import { useEditorCatalog } from './catalog-context';
import { useCanvasStoreApi } from './canvas-store';
import { outputHandlesFor } from './connection-rules';
import { definitionFor } from './nodes/registry';

/** Approximate card size, to centre a dropped card under the cursor. */
export const NODE_SIZE = { width: 240, height: 96 };
/** The MIME type palette items carry in `dataTransfer`. */
export const DND_MIME = 'application/x-segflow-node';

/** The config a new node starts with: the catalog's default, else the web form's default. */
export function useDefaultConfig() {
  const catalog = useEditorCatalog();
  return useCallback(
    (nodeType: string): Record<string, unknown> => {
      const fromCatalog = catalog.nodeTypes.find((t) => t.type === nodeType)?.defaultConfig;
      const base = fromCatalog ? structuredClone(fromCatalog) : definitionFor(nodeType).defaultConfig();
      // A switch needs case ids of its own, never the catalog's shared example ids.
      if (nodeType === 'condition.switch' && Array.isArray(base.cases) && base.cases.length === 0) {
        return definitionFor(nodeType).defaultConfig();
      }
      return base;
    },
    [catalog],
  );
}

/**
 * Adding nodes: `addAt` drops a node centred on a screen point (drag and drop); `addNext` (click in
 * the palette) places it below the single selected node and connects it from that node's first
 * free output, or in the middle of the view when nothing is selected.
 */
export function useAddNode() {
  const store = useCanvasStoreApi();
  const flow = useReactFlow();
  const defaultConfig = useDefaultConfig();

  const addAt = useCallback(
    (nodeType: string, screen: XYPosition) => {
      const p = flow.screenToFlowPosition(screen);
      const position = { x: p.x - NODE_SIZE.width / 2, y: p.y - NODE_SIZE.height / 2 };
      return store.getState().addNode(nodeType, position, defaultConfig(nodeType));
    },
    [flow, store, defaultConfig],
  );

  const addNext = useCallback(
    (nodeType: string) => {
      const { nodes, edges } = store.getState();
      const selected = nodes.filter((n) => n.selected);
      const from = selected.length === 1 ? selected[0]! : null;
      if (!from || nodeType.startsWith('trigger.')) {
        const pane = document.querySelector('[data-testid="canvas"]')?.getBoundingClientRect();
        const center = pane
          ? { x: pane.left + pane.width / 2, y: pane.top + pane.height / 3 }
          : { x: 400, y: 200 };
        const offset = (nodes.length % 5) * 24;
        return addAt(nodeType, { x: center.x + offset, y: center.y + offset });
      }
      const used = new Set(edges.filter((e) => e.source === from.id).map((e) => e.sourceHandle ?? null));
      const handles = outputHandlesFor(from.data.nodeType, from.data.config);
      const free = handles.findIndex((h) => !used.has(h.id));
      const handleIndex = free === -1 ? 0 : free;
      const spread =
        handles.length > 1 ? (handleIndex - (handles.length - 1) / 2) * (NODE_SIZE.width + 40) : 0;
      const position = { x: from.position.x + spread, y: from.position.y + NODE_SIZE.height + 80 };
      const id = store.getState().addNode(nodeType, position, defaultConfig(nodeType));
      if (free !== -1)
        store
          .getState()
          .connect({ source: from.id, sourceHandle: handles[free]!.id, target: id, targetHandle: null });
      return id;
    },
    [store, addAt, defaultConfig],
  );

  return { addAt, addNext };
}
