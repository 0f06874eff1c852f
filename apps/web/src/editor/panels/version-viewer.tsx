import { Background, Controls, ReactFlow, ReactFlowProvider } from '@xyflow/react';
import { useEffect, useState } from 'react';
import type { WorkflowGraph } from '../../workflows/graph';
import type { WorkflowVersion } from '../../workflows/workflows-queries';
import { CanvasStoreProvider, createCanvasStore, useCanvasStore } from '../canvas-store';
import type { WorkflowFlowNode } from '../flow-mapping';
import { defaultEdgeOptions } from '../canvas';
import { nodeTypes } from '../node-card';
import { describeDiff, diffGraphs } from './graph-diff';

function ReadOnlyCanvas() {
  const nodes = useCanvasStore((s) => s.nodes);
  const edges = useCanvasStore((s) => s.edges);
  return (
    <ReactFlow<WorkflowFlowNode>
      nodes={nodes}
      edges={edges}
      nodeTypes={nodeTypes}
      defaultEdgeOptions={defaultEdgeOptions}
      nodesDraggable={false}
      nodesConnectable={false}
      elementsSelectable={false}
      fitView
      fitViewOptions={{ maxZoom: 1, padding: 0.15 }}
      minZoom={0.1}
    >
      <Background gap={24} size={1.2} />
      <Controls showInteractive={false} />
    </ReactFlow>
  );
}

/** One published version, read-only, with what the draft changed since; restore makes it the draft. */
export function VersionViewer({
  version,
  draft,
  onRestore,
  onClose,
}: {
  version: WorkflowVersion & { graph: WorkflowGraph };
  draft: WorkflowGraph;
  onRestore: () => void;
  onClose: () => void;
}) {
  // A store of its own: the version is shown with the same cards, never mixed into the draft.
  const [store] = useState(() =>
    createCanvasStore({ workflowId: 'version', name: '', revision: 0, graph: version.graph }),
  );
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && onClose();
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);
  return (
    <div className="modal-backdrop">
      <div className="modal" role="dialog" aria-modal="true" aria-labelledby="version-title">
        <header className="modal-head">
          <div>
            <h2 id="version-title">Version {version.version} (read-only)</h2>
            <p className="muted small">
              {version.note ? `“${version.note}” · ` : ''}
              Draft compared with this version: {describeDiff(diffGraphs(version.graph, draft))}
            </p>
          </div>
          <div className="row-actions">
            <button type="button" className="btn btn-primary" onClick={onRestore}>
              Restore as draft
            </button>
            <button type="button" className="btn" onClick={onClose}>
              Close
            </button>
          </div>
        </header>
        <div className="modal-canvas">
          <CanvasStoreProvider store={store}>
            <ReactFlowProvider>
              <ReadOnlyCanvas />
            </ReactFlowProvider>
          </CanvasStoreProvider>
        </div>
      </div>
    </div>
  );
}
