import { Handle, type NodeProps, Position, useUpdateNodeInternals } from '@xyflow/react';
import { memo, useEffect, useRef } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useEditorCatalog } from './catalog-context';
import { useCanvasStore } from './canvas-store';
import { acceptsInput, outputHandlesFor } from './connection-rules';
import type { WorkflowFlowNode } from './flow-mapping';
import { definitionFor } from './nodes/registry';
import { selectCardStatus } from './selectors';

const KIND_LABEL: Record<string, string> = { trigger: 'Trigger', condition: 'Condition', action: 'Action' };

/**
 * The one card every workflow node renders with: kind, title, one-line summary, issue badge,
 * test-run status and typed handles. Memoised and subscribed only to its own issues and step, so
 * dragging one node re-renders one card.
 */
export const NodeCard = memo(function NodeCard({ id, data, selected }: NodeProps<WorkflowFlowNode>) {
  const catalog = useEditorCatalog();
  const { issueCount, firstIssue, step, count } = useCanvasStore(useShallow(selectCardStatus(id)));
  const info = catalog.nodeTypes.find((t) => t.type === data.nodeType);
  const kind = info?.kind ?? data.nodeType.split('.')[0] ?? 'action';
  const definition = definitionFor(data.nodeType);
  const outputs = outputHandlesFor(data.nodeType, data.config);
  // React Flow measures handles once; a switch gains and loses handles as cases change, so tell it
  // to measure again, or the new handles cannot be connected and edges start at stale positions.
  // Only on a change after mount: React Flow measures every node when it mounts, and re-measuring
  // 300 nodes at once would double the editor's open time.
  const handleKey = outputs.map((h) => h.id).join('|');
  const measuredKey = useRef(handleKey);
  const updateNodeInternals = useUpdateNodeInternals();
  useEffect(() => {
    if (measuredKey.current === handleKey) return;
    measuredKey.current = handleKey;
    updateNodeInternals(id);
  }, [handleKey, id, updateNodeInternals]);
  const title = data.label || info?.label || data.nodeType;
  const summary = definition.summarize(data.config, catalog);
  const classes = ['wf-node', `kind-${kind}`];
  if (selected) classes.push('is-selected');
  if (issueCount > 0) classes.push('has-issues');
  if (step) classes.push(`test-${step.status}`);
  return (
    <div className={classes.join(' ')} data-testid={`node-${id}`}>
      {acceptsInput(data.nodeType) && (
        <Handle type="target" position={Position.Top} className="wf-handle" data-testid={`handle-${id}-in`} />
      )}
      <div className="wf-node-head">
        <span className="wf-node-icon" aria-hidden="true">
          {definition.icon}
        </span>
        <span className="wf-node-kind">{KIND_LABEL[kind] ?? kind}</span>
        {count !== null && (
          <span className="wf-node-count" title="Runs that reached this step in the last 7 days">
            {count.toLocaleString('en-US')} runs
          </span>
        )}
        {step && <span className={`wf-node-step step-${step.status}`}>{step.status}</span>}
        {issueCount > 0 && (
          <span
            className="wf-node-badge"
            title={firstIssue}
            role="img"
            aria-label={`${issueCount} issue${issueCount > 1 ? 's' : ''}`}
          >
            {issueCount}
          </span>
        )}
      </div>
      <div className="wf-node-title">{title}</div>
      <div className="wf-node-summary" title={summary}>
        {summary}
      </div>
      {outputs.length === 1 && outputs[0]!.id === null ? (
        <Handle
          type="source"
          position={Position.Bottom}
          className="wf-handle"
          data-testid={`handle-${id}-out`}
        />
      ) : (
        <>
          <div className="wf-node-outputs" aria-hidden="true">
            {outputs.map((h, i) => (
              <span
                key={h.id}
                className={`wf-output-label tone-${h.tone ?? 'neutral'}`}
                style={{ left: handleLeft(i, outputs.length) }}
              >
                {h.label}
              </span>
            ))}
          </div>
          {outputs.map((h, i) => (
            <Handle
              key={h.id}
              id={h.id ?? undefined}
              type="source"
              position={Position.Bottom}
              className={`wf-handle tone-${h.tone ?? 'neutral'}`}
              style={{ left: handleLeft(i, outputs.length) }}
              data-testid={`handle-${id}-${h.id}`}
            />
          ))}
        </>
      )}
    </div>
  );
});

function handleLeft(index: number, count: number): string {
  return `${((index + 0.5) / count) * 100}%`;
}

/** React Flow node types, built once at module load. */
export const nodeTypes = { workflow: NodeCard } as const;
