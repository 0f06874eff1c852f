import { useReactFlow } from '@xyflow/react';
import { useCallback, useState } from 'react';
import { useEditorCatalog } from './catalog-context';
import { describeIssue } from './issue-text';
import { useCanvasStore, useCanvasStoreApi } from './canvas-store';
import { selectIssues } from './selectors';

/** Lists validation issues; clicking one selects its node and brings it into view. */
export function IssuesPanel() {
  const issues = useCanvasStore(selectIssues);
  const selectOnly = useCanvasStore((s) => s.selectOnly);
  const store = useCanvasStoreApi();
  const catalog = useEditorCatalog();
  // Read at render time (issues change after every edit) instead of subscribing to every drag frame.
  const titleOf = useCallback(
    (id: string) => {
      const node = store.getState().nodes.find((n) => n.id === id);
      if (!node) return undefined;
      return node.data.label || catalog.nodeTypes.find((t) => t.type === node.data.nodeType)?.label || id;
    },
    [store, catalog],
  );
  const { fitView } = useReactFlow();
  const [open, setOpen] = useState(true);

  const focus = (nodeId: string | undefined, edgeId: string | undefined) => {
    const id = nodeId ?? store.getState().edges.find((e) => e.id === edgeId)?.source;
    if (!id) return;
    selectOnly([id]);
    void fitView({ nodes: [{ id }], duration: 300, maxZoom: 1.2, padding: 0.6 });
  };

  if (issues.length === 0) {
    return (
      <div className="issues-bar issues-ok" role="status">
        <span className="dot dot-ok" aria-hidden="true" /> Ready to publish: no problems found
      </div>
    );
  }
  return (
    <section className="issues-panel" aria-label="Issues">
      <button type="button" className="issues-bar" aria-expanded={open} onClick={() => setOpen(!open)}>
        <span className="dot dot-bad" aria-hidden="true" />
        {issues.length} problem{issues.length === 1 ? '' : 's'} to fix before publishing
        <span className="muted">{open ? 'Hide' : 'Show'}</span>
      </button>
      {open && (
        <ul className="issues-list">
          {issues.map((issue, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: issues have no id; order is stable per run
            <li key={i}>
              {issue.nodeId || issue.edgeId ? (
                <button
                  type="button"
                  className="issue-link"
                  onClick={() => focus(issue.nodeId, issue.edgeId)}
                >
                  {describeIssue(issue, titleOf)}
                </button>
              ) : (
                <span>{describeIssue(issue, titleOf)}</span>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
