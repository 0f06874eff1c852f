import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useReactFlow } from '@xyflow/react';
import { useState } from 'react';
import { Link } from 'wouter';
import { useShallow } from 'zustand/react/shallow';
import { Switch } from '../shell/switch';
import { workflowsMutations, workflowsQueries } from '../workflows/workflows-queries';
import { useCanvasHistory, useCanvasStore, useCanvasStoreApi } from './canvas-store';
import { autoLayout } from './layout/auto-layout';
import { selectDocument, selectHistoryAvailability, selectIssues } from './selectors';
import type { useWorkflowSync } from './use-workflow-sync';

/** Which panel the right column shows. */
export type SidePanel = 'inspector' | 'history' | 'test' | 'help';

/** The editor's top bar: name, save state, undo/redo, layout, panels, Save, Publish and Active. */
export function EditorHeader({
  storeId,
  sync,
  panel,
  setPanel,
}: {
  storeId: string;
  sync: ReturnType<typeof useWorkflowSync>;
  panel: SidePanel;
  setPanel: (p: SidePanel) => void;
}) {
  const client = useQueryClient();
  const store = useCanvasStoreApi();
  const { name, setName, conflict } = useCanvasStore(useShallow(selectDocument));
  const issues = useCanvasStore(selectIssues);
  const { canUndo, canRedo } = useCanvasHistory(useShallow(selectHistoryAvailability));
  const { undo, redo } = useCanvasStore(useShallow((s) => ({ undo: s.undo, redo: s.redo })));
  const workflowId = store.getState().workflowId;
  const detail = useQuery(workflowsQueries.detail(storeId, workflowId));
  const setActive = useMutation(workflowsMutations.setActive(storeId, client));
  const { fitView } = useReactFlow();
  const [layingOut, setLayingOut] = useState(false);
  const published = detail.data?.publishedVersion ?? null;
  const active = detail.data?.active ?? false;

  const onLayout = async () => {
    setLayingOut(true);
    try {
      const { nodes, edges } = store.getState();
      store.getState().setPositions(await autoLayout(nodes, edges));
      requestAnimationFrame(() => void fitView({ duration: 300, maxZoom: 1.1, padding: 0.2 }));
    } finally {
      setLayingOut(false);
    }
  };

  const toggle = (p: SidePanel) => setPanel(panel === p ? 'inspector' : p);
  const statusText = conflict
    ? 'Conflict'
    : sync.status === 'saving'
      ? 'Saving…'
      : sync.status === 'error'
        ? 'Save failed'
        : sync.dirty
          ? 'Unsaved'
          : 'Saved';

  return (
    <header className="editor-header">
      <Link href="/workflows" className="btn-link back-link">
        ← Workflows
      </Link>
      <h1 className="visually-hidden">Edit workflow {name}</h1>
      <input
        className="name-input"
        aria-label="Workflow name"
        value={name}
        onChange={(e) => setName(e.target.value)}
      />
      <span className={`save-status ${sync.dirty ? 'is-dirty' : ''}`} role="status" aria-live="polite">
        {statusText}
      </span>
      {published ? (
        <span className="badge badge-ok">Published v{published}</span>
      ) : (
        <span className="badge">Draft</span>
      )}
      <div className="toolbar" role="toolbar" aria-label="Editor tools">
        <button
          type="button"
          className="icon-btn"
          aria-label="Undo"
          title="Undo (⌘/Ctrl Z)"
          disabled={!canUndo}
          onClick={undo}
        >
          ↶
        </button>
        <button
          type="button"
          className="icon-btn"
          aria-label="Redo"
          title="Redo (⌘/Ctrl ⇧ Z)"
          disabled={!canRedo}
          onClick={redo}
        >
          ↷
        </button>
        <button type="button" className="btn btn-ghost" onClick={onLayout} disabled={layingOut}>
          {layingOut ? 'Arranging…' : 'Auto-layout'}
        </button>
        <button
          type="button"
          className="btn btn-ghost"
          aria-pressed={panel === 'test'}
          onClick={() => toggle('test')}
        >
          Test run
        </button>
        <button
          type="button"
          className="btn btn-ghost"
          aria-pressed={panel === 'history'}
          onClick={() => toggle('history')}
        >
          History
        </button>
        <button
          type="button"
          className="icon-btn"
          aria-label="Keyboard shortcuts"
          aria-pressed={panel === 'help'}
          onClick={() => toggle('help')}
        >
          ?
        </button>
      </div>
      <div className="header-actions">
        <button
          type="button"
          className="btn"
          onClick={() => void sync.save()}
          disabled={sync.status === 'saving'}
        >
          Save
        </button>
        <button
          type="button"
          className="btn btn-primary"
          disabled={issues.length > 0 || sync.isPublishing || Boolean(conflict)}
          title={
            issues.length > 0
              ? `Fix ${issues.length} problem${issues.length === 1 ? '' : 's'} before publishing`
              : 'Publish the draft as a new version'
          }
          onClick={() => void sync.publish()}
        >
          {sync.isPublishing ? 'Publishing…' : 'Publish'}
        </button>
        <span className="active-toggle">
          <Switch
            label="Active"
            checked={active}
            disabled={!published || setActive.isPending}
            title={published ? undefined : 'Publish before switching the workflow on'}
            onChange={(next) => setActive.mutate({ id: workflowId, active: next })}
          />
          <span aria-hidden="true">{active ? 'On' : 'Off'}</span>
        </span>
      </div>
    </header>
  );
}
