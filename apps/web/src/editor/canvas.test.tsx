import { catalogPayload } from '@segflow/schema';
import { ReactFlowProvider } from '@xyflow/react';
import { act, cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { normalizeCatalog } from '../catalog/catalog-model';
import type { WorkflowGraph } from '../workflows/graph';
import { Canvas } from './canvas';
import { CanvasStoreProvider, createCanvasStore } from './canvas-store';
import { EditorCatalogContext } from './catalog-context';
import { addTagsNode } from './nodes/action-add-tags';

// A chain of 20 "add tags" cards, each with its own tag, so a card's renders can be told apart by
// the config its summary is computed from (every render of a card summarises its config once).
const graph: WorkflowGraph = {
  schemaVersion: 1,
  nodes: Array.from({ length: 20 }, (_, i) => ({
    id: `n${i}`,
    type: 'action.add_tags',
    position: { x: (i % 5) * 260, y: Math.floor(i / 5) * 160 },
    config: { tags: [`tag-${i}`] },
  })),
  edges: Array.from({ length: 19 }, (_, i) => ({ id: `e${i}`, source: `n${i}`, target: `n${i + 1}` })),
};

function renderCanvas() {
  const store = createCanvasStore({ workflowId: 'w1', name: 'Drag', revision: 1, graph });
  const summarize = vi.spyOn(addTagsNode, 'summarize');
  render(
    <EditorCatalogContext.Provider value={normalizeCatalog(catalogPayload())}>
      <CanvasStoreProvider store={store}>
        <ReactFlowProvider>
          <Canvas />
        </ReactFlowProvider>
      </CanvasStoreProvider>
    </EditorCatalogContext.Provider>,
  );
  /** Renders so far, by card id. */
  const renders = () => {
    const byId: Record<string, number> = {};
    for (const [config] of summarize.mock.calls) {
      const id = `n${String((config.tags as string[])[0]).slice(4)}`;
      byId[id] = (byId[id] ?? 0) + 1;
    }
    return byId;
  };
  return { store, renders };
}

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

describe('canvas rendering', () => {
  it('re-renders only the dragged card while a node is dragged', async () => {
    const { store, renders } = renderCanvas();
    expect(await screen.findByTestId('node-n19')).toBeTruthy();
    const before = renders();
    for (let step = 1; step <= 5; step += 1) {
      act(() =>
        store
          .getState()
          .onNodesChange([
            { type: 'position', id: 'n7', position: { x: 520 + step * 8, y: 160 }, dragging: true },
          ]),
      );
    }
    const after = renders();
    const rerendered = Object.keys(after).filter((id) => after[id] !== before[id]);
    expect(rerendered).toEqual(['n7']);
    expect(after.n7! - before.n7!).toBeGreaterThanOrEqual(5);
  });

  it('re-renders only the card an issue appears on', async () => {
    const { store, renders } = renderCanvas();
    expect(await screen.findByTestId('node-n19')).toBeTruthy();
    const before = renders();
    act(() => store.getState().setIssues([{ code: 'invalid_config', message: 'Add a tag', nodeId: 'n3' }]));
    const after = renders();
    expect(Object.keys(after).filter((id) => after[id] !== before[id])).toEqual(['n3']);
  });
});
