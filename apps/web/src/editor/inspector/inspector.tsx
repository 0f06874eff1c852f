import { useCallback } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useEditorCatalog } from '../catalog-context';
import { useCanvasStore } from '../canvas-store';
import { describeIssue } from '../issue-text';
import { definitionFor } from '../nodes/registry';
import { ReentryFields } from '../nodes/trigger-common';
import { selectCounts, selectInspectedId, selectNodeData, selectSelectionCount } from '../selectors';

/**
 * The right-hand panel: the selected node's form (one per node type), its name and issues; the
 * workflow overview when nothing is selected.
 */
export function Inspector() {
  const inspectedId = useCanvasStore(selectInspectedId);
  const selectionCount = useCanvasStore(selectSelectionCount);
  return (
    <aside className="inspector" aria-label="Inspector">
      {inspectedId ? (
        <NodeInspector key={inspectedId} id={inspectedId} />
      ) : selectionCount > 1 ? (
        <MultiSelection count={selectionCount} />
      ) : (
        <Overview />
      )}
    </aside>
  );
}

function NodeInspector({ id }: { id: string }) {
  const catalog = useEditorCatalog();
  // Data only: its reference survives drags, so moving the node does not re-render the form.
  const data = useCanvasStore(selectNodeData(id));
  const issues = useCanvasStore(useShallow((s) => s.issues.filter((i) => i.nodeId === id)));
  const { updateConfig, setNodeLabel, removeNodes } = useCanvasStore(
    useShallow((s) => ({
      updateConfig: s.updateConfig,
      setNodeLabel: s.setNodeLabel,
      removeNodes: s.removeNodes,
    })),
  );
  const onChange = useCallback(
    (config: Record<string, unknown>) => updateConfig(id, config),
    [id, updateConfig],
  );
  if (!data) return null;
  const info = catalog.nodeTypes.find((t) => t.type === data.nodeType);
  const definition = definitionFor(data.nodeType);
  const Form = definition.Form;
  return (
    <div className="inspector-body">
      <header className="inspector-head">
        <span className={`inspector-icon kind-${info?.kind ?? 'action'}`} aria-hidden="true">
          {definition.icon}
        </span>
        <div>
          <h2>{info?.label ?? data.nodeType}</h2>
          {info?.description && <p className="muted small">{info.description}</p>}
        </div>
      </header>
      <div className="form-field">
        <label htmlFor="node-name">Node name</label>
        <input
          id="node-name"
          type="text"
          value={data.label ?? ''}
          placeholder={info?.label ?? 'Optional display name'}
          onChange={(e) => setNodeLabel(id, e.target.value)}
        />
      </div>
      {issues.length > 0 && (
        <ul className="inspector-issues" aria-label="Problems with this node">
          {issues.map((issue) => (
            <li key={`${issue.code}-${issue.message}`}>
              {describeIssue(issue, (nodeId) => (nodeId === id ? data.label || info?.label : undefined))}
            </li>
          ))}
        </ul>
      )}
      <div className="inspector-form">
        <Form
          nodeId={id}
          nodeType={data.nodeType}
          config={data.config}
          onChange={onChange}
          catalog={catalog}
        />
        {data.nodeType.startsWith('trigger.') && (
          <ReentryFields
            nodeId={id}
            nodeType={data.nodeType}
            config={data.config}
            onChange={onChange}
            catalog={catalog}
          />
        )}
      </div>
      <footer className="inspector-foot">
        <span className="muted small mono">{id}</span>
        <button type="button" className="btn btn-danger-ghost" onClick={() => removeNodes([id])}>
          Delete node
        </button>
      </footer>
    </div>
  );
}

function MultiSelection({ count }: { count: number }) {
  const selectedIds = useCanvasStore(useShallow((s) => s.nodes.filter((n) => n.selected).map((n) => n.id)));
  const removeNodes = useCanvasStore((s) => s.removeNodes);
  return (
    <div className="inspector-body">
      <h2>{count} nodes selected</h2>
      <p className="muted">Drag to move them together, copy with ⌘/Ctrl-C, or delete them.</p>
      <button type="button" className="btn btn-danger-ghost" onClick={() => removeNodes(selectedIds)}>
        Delete {count} nodes
      </button>
    </div>
  );
}

function Overview() {
  const counts = useCanvasStore(useShallow(selectCounts));
  return (
    <div className="inspector-body inspector-overview">
      <h2>Workflow</h2>
      <p className="muted">
        {counts.nodes} node{counts.nodes === 1 ? '' : 's'} · {counts.edges} connection
        {counts.edges === 1 ? '' : 's'}
      </p>
      <ol className="howto">
        <li>Drag a trigger from the palette onto the canvas.</li>
        <li>Add conditions and actions, then connect an output handle to the next node.</li>
        <li>Select a node to configure it here.</li>
        <li>Publish, then switch the workflow on.</li>
      </ol>
      <p className="muted small">Press ? for keyboard shortcuts.</p>
    </div>
  );
}
