import '@xyflow/react/dist/style.css';
import '../styles/editor.css';
import { useQuery } from '@tanstack/react-query';
import { ReactFlowProvider } from '@xyflow/react';
import { useMemo, useState } from 'react';
import { Link } from 'wouter';
import { useCatalog } from '../catalog/catalog-queries';
import type { Catalog } from '../catalog/catalog-model';
import { ErrorState, Loading } from '../shell/states';
import { useStoreId } from '../stores/current-store';
import { type Workflow, workflowsQueries } from '../workflows/workflows-queries';
import { Canvas } from './canvas';
import { CanvasStoreProvider, createCanvasStore } from './canvas-store';
import { EditorCatalogContext } from './catalog-context';
import { ConflictBanner } from './conflict-banner';
import { EditorHeader, type SidePanel } from './editor-header';
import { Inspector } from './inspector/inspector';
import { IssuesPanel } from './issues-panel';
import { Palette } from './palette';
import { HistoryPanel } from './panels/history-panel';
import { ShortcutsPanel } from './panels/shortcuts-panel';
import { TestRunPanel } from './panels/test-run-panel';
import { useShortcuts } from './use-shortcuts';
import { useValidation } from './use-validation';
import { useWorkflowSync } from './use-workflow-sync';

/** The editor route: loads the workflow and the catalog, then mounts one editor for them. */
export default function EditorPage({ workflowId }: { workflowId: string }) {
  const storeId = useStoreId();
  const workflow = useQuery(workflowsQueries.detail(storeId, workflowId));
  const catalog = useCatalog();
  if (workflow.isPending || catalog.isPending) return <Loading label="Opening the editor" />;
  if (workflow.isError) {
    return (
      <div className="page">
        <ErrorState
          title="Could not open this workflow"
          error={workflow.error}
          onRetry={() => workflow.refetch()}
        />
        <Link href="/workflows" className="btn">
          Back to workflows
        </Link>
      </div>
    );
  }
  if (catalog.isError)
    return (
      <ErrorState
        title="Could not load the node catalog"
        error={catalog.error}
        onRetry={() => catalog.refetch()}
      />
    );
  return (
    <Editor
      key={`${storeId}/${workflowId}`}
      storeId={storeId}
      workflow={workflow.data}
      catalog={catalog.data}
    />
  );
}

/** One open editor: its store is created once from the loaded workflow and lives as long as it. */
function Editor({ storeId, workflow, catalog }: { storeId: string; workflow: Workflow; catalog: Catalog }) {
  const [store] = useState(() =>
    createCanvasStore({
      workflowId: workflow.id,
      name: workflow.name,
      revision: workflow.revision,
      graph: workflow.graph,
    }),
  );
  return (
    <EditorCatalogContext.Provider value={catalog}>
      <CanvasStoreProvider store={store}>
        <ReactFlowProvider>
          <EditorLayout storeId={storeId} />
        </ReactFlowProvider>
      </CanvasStoreProvider>
    </EditorCatalogContext.Provider>
  );
}

function EditorLayout({ storeId }: { storeId: string }) {
  const [panel, setPanel] = useState<SidePanel>('inspector');
  const sync = useWorkflowSync(storeId, { autosave: true });
  useValidation();
  const handlers = useMemo(
    () => ({
      save: () => void sync.save(),
      toggleHelp: () => setPanel((p) => (p === 'help' ? 'inspector' : 'help')),
    }),
    [sync.save],
  );
  useShortcuts(handlers);
  const close = () => setPanel('inspector');
  return (
    <div className="editor">
      <EditorHeader storeId={storeId} sync={sync} panel={panel} setPanel={setPanel} />
      <ConflictBanner onReload={sync.reload} onOverwrite={sync.overwrite} />
      {sync.publishError && !sync.isPublishing && (
        <div className="banner banner-warn" role="alert">
          Publish failed: {sync.publishError.message}
        </div>
      )}
      <div className="editor-body">
        <Palette />
        <div className="editor-center">
          <Canvas />
          <IssuesPanel />
        </div>
        {panel === 'history' ? (
          <HistoryPanel storeId={storeId} sync={sync} onClose={close} />
        ) : panel === 'test' ? (
          <TestRunPanel storeId={storeId} sync={sync} onClose={close} />
        ) : panel === 'help' ? (
          <ShortcutsPanel onClose={close} />
        ) : (
          <Inspector />
        )}
      </div>
    </div>
  );
}
