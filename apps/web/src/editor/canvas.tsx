import {
  Background,
  type Connection,
  Controls,
  type Edge,
  MarkerType,
  MiniMap,
  ReactFlow,
  type Viewport,
} from '@xyflow/react';
import { type DragEvent, useCallback, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useCanvasStore, useCanvasStoreApi } from './canvas-store';
import { connectionProblem } from './connection-rules';
import type { WorkflowFlowNode } from './flow-mapping';
import { nodeTypes } from './node-card';
import { openingViewport } from './opening-viewport';
import { selectFlow, selectIssues } from './selectors';
import { DND_MIME, useAddNode } from './use-add-node';
import { useIdleAfterMount } from './when-idle';

/** Edge look shared by the editor and the read-only version view. */
export const defaultEdgeOptions = {
  type: 'smoothstep',
  markerEnd: { type: MarkerType.ArrowClosed, width: 18, height: 18 },
};
const deleteKeys = ['Backspace', 'Delete'];
const multiSelectKeys = ['Meta', 'Control'];
/**
 * From this size on, React Flow renders only the cards and edges in view. Each card carries an
 * estimated size and handles (node-geometry.ts), so even the first render skips the rest.
 */
const RENDER_VISIBLE_FROM = 100;
/** The pane size assumed when the browser reports none (jsdom). */
const FALLBACK_PANE = { width: 960, height: 640 };

/** The React Flow canvas: drop target for the palette, typed connections, minimap and zoom controls. */
export function Canvas() {
  const flow = useCanvasStore(useShallow(selectFlow));
  const issues = useCanvasStore(selectIssues);
  const testSteps = useCanvasStore((s) => s.testSteps);
  const store = useCanvasStoreApi();
  const { addAt } = useAddNode();
  const [refusal, setRefusal] = useState<string | null>(null);
  // The minimap draws every node (300 on a large graph): it comes in once the cards are on screen.
  const showMiniMap = useIdleAfterMount();
  // The opening viewport is computed before React Flow's first render (stored positions, estimated
  // sizes), so it renders the right cards once instead of all of them and then fitting.
  const paneRef = useRef<HTMLElement>(null);
  const [viewport, setViewport] = useState<Viewport | null>(null);
  useLayoutEffect(() => {
    const pane = paneRef.current;
    const size = pane?.clientWidth ? { width: pane.clientWidth, height: pane.clientHeight } : FALLBACK_PANE;
    setViewport(openingViewport(store.getState().nodes, size));
  }, [store]);

  const edges = useMemo(() => decorateEdges(flow.edges, issues, testSteps), [flow.edges, issues, testSteps]);

  const isValidConnection = useCallback(
    (c: Connection | Edge) => {
      const { nodes, edges: current } = store.getState();
      return connectionProblem(c, nodes, current) === null;
    },
    [store],
  );

  const onConnect = useCallback(
    (c: Connection) => {
      const problem = flow.connect(c);
      setRefusal(problem);
    },
    [flow],
  );

  const onDragOver = useCallback((e: DragEvent) => {
    e.preventDefault();
    e.dataTransfer.dropEffect = 'move';
  }, []);

  const onDrop = useCallback(
    (e: DragEvent) => {
      e.preventDefault();
      const type = e.dataTransfer.getData(DND_MIME) || e.dataTransfer.getData('text/plain');
      if (!type || !/^(trigger|condition|action)\./.test(type)) return;
      addAt(type, { x: e.clientX, y: e.clientY });
    },
    [addAt],
  );

  return (
    <section ref={paneRef} className="canvas" data-testid="canvas" aria-label="Workflow canvas">
      {viewport && (
        <ReactFlow<WorkflowFlowNode>
          defaultViewport={viewport}
          nodes={flow.nodes}
          edges={edges}
          nodeTypes={nodeTypes}
          onNodesChange={flow.onNodesChange}
          onEdgesChange={flow.onEdgesChange}
          onConnect={onConnect}
          isValidConnection={isValidConnection}
          onNodeDragStart={flow.beginBatch}
          onNodeDragStop={flow.endBatch}
          onDrop={onDrop}
          onDragOver={onDragOver}
          defaultEdgeOptions={defaultEdgeOptions}
          deleteKeyCode={deleteKeys}
          multiSelectionKeyCode={multiSelectKeys}
          minZoom={0.1}
          maxZoom={2}
          snapToGrid
          snapGrid={[8, 8]}
          onlyRenderVisibleElements={flow.nodes.length >= RENDER_VISIBLE_FROM}
        >
          <Background gap={24} size={1.2} />
          {showMiniMap && <MiniMap pannable zoomable nodeClassName={miniMapClass} ariaLabel="Minimap" />}
          <Controls showInteractive={false} aria-label="Zoom controls" />
        </ReactFlow>
      )}
      {flow.nodes.length === 0 && (
        <div className="canvas-empty">
          <strong>Start with a trigger</strong>
          <span>Drag “Order created” from the palette, or click it to add it here.</span>
        </div>
      )}
      {refusal && (
        <div className="canvas-toast" role="status">
          {refusal}
          <button type="button" className="btn-link" onClick={() => setRefusal(null)}>
            Dismiss
          </button>
        </div>
      )}
    </section>
  );
}

function miniMapClass(node: WorkflowFlowNode): string {
  return `minimap-${node.data.nodeType.split('.')[0]}`;
}

function decorateEdges(
  edges: Edge[],
  issues: Array<{ edgeId?: string | undefined }>,
  testSteps: Record<string, { handle?: string | undefined }>,
): Edge[] {
  const bad = new Set(issues.flatMap((i) => (i.edgeId ? [i.edgeId] : [])));
  const hasTest = Object.keys(testSteps).length > 0;
  if (bad.size === 0 && !hasTest) return edges;
  return edges.map((e) => {
    const step = testSteps[e.source];
    const onPath =
      hasTest &&
      step !== undefined &&
      testSteps[e.target] !== undefined &&
      (!step.handle || step.handle === (e.sourceHandle ?? 'next'));
    if (!bad.has(e.id) && !onPath) return e;
    return {
      ...e,
      className: [bad.has(e.id) ? 'edge-invalid' : '', onPath ? 'edge-path' : ''].join(' ').trim(),
      animated: onPath,
    };
  });
}
