import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { formatRelative } from '../../shell/format';
import { ErrorState, Loading } from '../../shell/states';
import { type WorkflowVersion, workflowsQueries } from '../../workflows/workflows-queries';
import { useCanvasStoreApi } from '../canvas-store';
import { flowToGraph } from '../flow-mapping';
import type { useWorkflowSync } from '../use-workflow-sync';
import { describeDiff, diffGraphs } from './graph-diff';
import { VersionViewer } from './version-viewer';

/** Published versions: publish with a note, see what changed against the draft, restore one as the draft. */
export function HistoryPanel({
  storeId,
  sync,
  onClose,
}: {
  storeId: string;
  sync: ReturnType<typeof useWorkflowSync>;
  onClose: () => void;
}) {
  const store = useCanvasStoreApi();
  const workflowId = store.getState().workflowId;
  const versions = useQuery(workflowsQueries.versions(storeId, workflowId));
  const [note, setNote] = useState('');
  const [restored, setRestored] = useState<number | null>(null);
  const [viewing, setViewing] = useState<WorkflowVersion | null>(null);
  const hasIssues = store.getState().issues.length > 0;

  const restore = async (v: WorkflowVersion) => {
    if (!v.graph) return;
    store.getState().replaceGraph(v.graph);
    if (await sync.save()) setRestored(v.version);
  };

  return (
    <aside className="inspector" aria-label="Version history">
      {viewing?.graph && (
        <VersionViewer
          version={{ ...viewing, graph: viewing.graph }}
          draft={flowToGraph(store.getState().nodes, store.getState().edges)}
          onClose={() => setViewing(null)}
          onRestore={() => {
            const v = viewing;
            setViewing(null);
            void restore(v);
          }}
        />
      )}
      <div className="inspector-body">
        <header className="panel-head">
          <h2>Version history</h2>
          <button type="button" className="icon-btn" aria-label="Close history" onClick={onClose}>
            ×
          </button>
        </header>
        <div className="publish-note">
          <label htmlFor="publish-note">Publish note</label>
          <input
            id="publish-note"
            type="text"
            value={note}
            placeholder="What changed? (optional)"
            onChange={(e) => setNote(e.target.value)}
          />
          <button
            type="button"
            className="btn btn-primary"
            disabled={hasIssues || sync.isPublishing}
            onClick={async () => {
              if (await sync.publish(note.trim() || undefined)) setNote('');
            }}
          >
            Publish with note
          </button>
        </div>
        {restored !== null && (
          <p className="banner banner-ok" role="status">
            Version {restored} restored as the draft. Undo with ⌘/Ctrl-Z, or publish it.
          </p>
        )}
        {versions.isPending ? (
          <Loading label="Loading versions" />
        ) : versions.isError ? (
          <ErrorState
            error={versions.error}
            title="Could not load versions"
            onRetry={() => versions.refetch()}
          />
        ) : versions.data.length === 0 ? (
          <p className="muted">
            Nothing published yet. Publishing creates version 1; every publish keeps an immutable copy here.
          </p>
        ) : (
          <ol className="versions">
            {versions.data.map((v) => (
              <VersionItem
                key={v.version}
                version={v}
                onRestore={() => restore(v)}
                onView={() => setViewing(v)}
              />
            ))}
          </ol>
        )}
      </div>
    </aside>
  );
}

function VersionItem({
  version,
  onRestore,
  onView,
}: {
  version: WorkflowVersion;
  onRestore: () => void;
  onView: () => void;
}) {
  const store = useCanvasStoreApi();
  const [open, setOpen] = useState(false);
  const { nodes, edges } = store.getState();
  const diff = version.graph ? describeDiff(diffGraphs(version.graph, flowToGraph(nodes, edges))) : null;
  return (
    <li className="version">
      <div className="version-head">
        <strong>Version {version.version}</strong>
        <span className="muted small">{formatRelative(version.publishedAt)}</span>
      </div>
      {version.note && <p className="version-note">{version.note}</p>}
      <div className="version-actions">
        <button type="button" className="btn-link" aria-expanded={open} onClick={() => setOpen(!open)}>
          {open ? 'Hide details' : 'Details'}
        </button>
        <span className="row-actions">
          <button
            type="button"
            className="btn btn-small"
            disabled={!version.graph}
            onClick={onView}
            aria-label={`View version ${version.version}`}
          >
            View
          </button>
          <button
            type="button"
            className="btn btn-small"
            disabled={!version.graph}
            onClick={onRestore}
            aria-label={`Restore version ${version.version}`}
          >
            Restore
          </button>
        </span>
      </div>
      {open && version.graph && (
        <div className="version-details">
          <p className="small">
            {version.graph.nodes.length} nodes · {version.graph.edges.length} connections
          </p>
          <p className="small">Draft compared with this version: {diff}</p>
          <ul className="small version-nodes">
            {version.graph.nodes.map((n) => (
              <li key={n.id}>
                <span className="mono">{n.type}</span>
                {n.label ? ` · ${n.label}` : ''}
              </li>
            ))}
          </ul>
        </div>
      )}
    </li>
  );
}
