import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useLocation } from 'wouter';
import { useCatalog } from '../catalog/catalog-queries';
import { preloadEditor, usePreloadEditorWhenIdle } from '../editor/editor-preload';
import { formatRelative } from '../shell/format';
import { EmptyState, ErrorState, Loading } from '../shell/states';
import { Switch } from '../shell/switch';
import { useStoreId } from '../stores/current-store';
import { emptyGraph } from './empty-graph';
import { RunsCell } from './runs-cell';
import { type WorkflowSummary, workflowsMutations, workflowsQueries } from './workflows-queries';

/** The workflows list: status toggle, triggers, last change; "New workflow" opens the editor. */
export default function WorkflowsPage() {
  const storeId = useStoreId();
  const client = useQueryClient();
  const [, navigate] = useLocation();
  const list = useQuery(workflowsQueries.list(storeId));
  const create = useMutation(workflowsMutations.create(storeId, client));

  const onCreate = () =>
    create.mutate(
      { name: 'Untitled workflow', graph: emptyGraph() },
      { onSuccess: (workflow) => navigate(`/workflows/${workflow.id}`) },
    );

  const newButton = (
    <button type="button" className="btn btn-primary" onClick={onCreate} disabled={create.isPending}>
      {create.isPending ? 'Creating…' : 'New workflow'}
    </button>
  );

  return (
    <div className="page">
      <header className="page-header">
        <div>
          <h1>Workflows</h1>
          <p className="page-lead">
            Automations that react to store events: orders, sign-ups, abandoned carts.
          </p>
        </div>
        <div className="page-actions">
          <Link href="/templates" className="btn">
            Start from a template
          </Link>
          {newButton}
        </div>
      </header>
      {create.isError && <ErrorState title="Could not create the workflow" error={create.error} />}
      {list.isPending ? (
        <Loading label="Loading workflows" />
      ) : list.isError ? (
        <ErrorState title="Could not load workflows" error={list.error} onRetry={() => list.refetch()} />
      ) : list.data.items.length === 0 ? (
        <EmptyState title="No workflows yet" action={newButton}>
          Build your first automation from scratch, or start from a template such as “VIP over $5,000”.
        </EmptyState>
      ) : (
        <WorkflowTable storeId={storeId} items={list.data.items} />
      )}
    </div>
  );
}

function WorkflowTable({ storeId, items }: { storeId: string; items: WorkflowSummary[] }) {
  const client = useQueryClient();
  const catalog = useCatalog();
  const setActive = useMutation(workflowsMutations.setActive(storeId, client));
  const remove = useMutation(workflowsMutations.remove(storeId, client));
  // Opening a workflow: the editor's code loads while the list is idle, a workflow's data on intent
  // (hover, press, focus), so both are in or on their way when the click lands.
  usePreloadEditorWhenIdle();
  const preload = (id: string) => preloadEditor(client, storeId, id);
  const labelOf = (type: string) => catalog.data?.nodeTypes.find((n) => n.type === type)?.label ?? type;
  return (
    <>
      {setActive.isError && <ErrorState title="Could not switch the workflow" error={setActive.error} />}
      {remove.isError && <ErrorState title="Could not delete the workflow" error={remove.error} />}
      <table className="table">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Status</th>
            <th scope="col">Trigger</th>
            <th scope="col">Version</th>
            <th scope="col" className="num">
              Runs (24 h)
            </th>
            <th scope="col">Updated</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {items.map((w) => (
            <tr key={w.id}>
              <td>
                <Link
                  href={`/workflows/${w.id}`}
                  className="row-link"
                  onPointerEnter={() => preload(w.id)}
                  onPointerDown={() => preload(w.id)}
                  onFocus={() => preload(w.id)}
                >
                  {w.name}
                </Link>
              </td>
              <td>
                <Switch
                  label={`Active: ${w.name}`}
                  showText
                  checked={w.active}
                  disabled={!w.publishedVersion || setActive.isPending}
                  title={w.publishedVersion ? undefined : 'Publish the workflow before switching it on'}
                  onChange={(active) => setActive.mutate({ id: w.id, active })}
                />
              </td>
              <td>
                {w.triggerTypes.length ? (
                  w.triggerTypes.map(labelOf).join(', ')
                ) : (
                  <span className="muted">None</span>
                )}
              </td>
              <td>
                {w.publishedVersion ? (
                  <span className="badge badge-ok">v{w.publishedVersion}</span>
                ) : (
                  <span className="badge">Draft</span>
                )}
              </td>
              <td className="num">
                <RunsCell storeId={storeId} workflowId={w.id} isPublished={Boolean(w.publishedVersion)} />
              </td>
              <td className="muted">{formatRelative(w.updatedAt)}</td>
              <td className="row-end">
                <button
                  type="button"
                  className="icon-btn danger"
                  aria-label={`Delete ${w.name}`}
                  title="Delete workflow"
                  disabled={remove.isPending}
                  onClick={() => {
                    if (window.confirm(`Delete “${w.name}”? Its versions and run history go with it.`))
                      remove.mutate(w.id);
                  }}
                >
                  ×
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
