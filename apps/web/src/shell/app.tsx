import { Redirect, Route, Switch, useLocation } from 'wouter';
import { EditorPage, useEditorPrefetch } from '../editor/editor-preload';
import { useStoreId } from '../stores/current-store';
import { lazyPage } from './lazy-page';
import { NotFoundPage } from './not-found-page';
import { Sidebar } from './sidebar';

// Each area is its own chunk: the first paint loads the shell and one page only.
const WorkflowsPage = lazyPage(() => import('../workflows/workflows-page'));
const TemplatesPage = lazyPage(() => import('../templates/templates-page'));
const CustomersPage = lazyPage(() => import('../customers/customers-page'));
const CustomerPage = lazyPage(() => import('../customers/customer-page'));
const OutboxPage = lazyPage(() => import('../outbox/outbox-page'));
const SettingsPage = lazyPage(() => import('../settings/settings-page'));
const SegmentsPage = lazyPage(() => import('../segments/segments-page'));
const SegmentPage = lazyPage(() => import('../segments/segment-page'));

/** The application frame: navigation on the left, the routed page on the right. */
export function App() {
  const [location] = useLocation();
  // The editor needs the width: the navigation folds to icons there.
  const isEditor = /^\/workflows\/[^/]+/.test(location);
  return (
    <div className={isEditor ? 'app app-compact' : 'app'}>
      <Sidebar />
      <main className="app-main">
        <Switch>
          <Route path="/">
            <Redirect to="/workflows" replace />
          </Route>
          <Route path="/workflows" component={WorkflowsPage} />
          <Route path="/workflows/:id">{(params) => <EditorRoute workflowId={params.id} />}</Route>
          <Route path="/templates" component={TemplatesPage} />
          <Route path="/customers" component={CustomersPage} />
          <Route path="/customers/:id">{(params) => <CustomerPage customerId={params.id} />}</Route>
          <Route path="/segments" component={SegmentsPage} />
          <Route path="/segments/:id">{(params) => <SegmentPage segmentId={params.id} />}</Route>
          <Route path="/outbox" component={OutboxPage} />
          <Route path="/settings" component={SettingsPage} />
          <Route component={NotFoundPage} />
        </Switch>
      </main>
    </div>
  );
}

/** The editor route: its data is requested as the route matches, in parallel with its chunk. */
function EditorRoute({ workflowId }: { workflowId: string }) {
  useEditorPrefetch(useStoreId(), workflowId);
  return <EditorPage workflowId={workflowId} />;
}
