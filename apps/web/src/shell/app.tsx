import { lazy, Suspense } from 'react';
import { Redirect, Route, Switch, useLocation } from 'wouter';
import { Loading } from './states';
import { Sidebar } from './sidebar';
import { NotFoundPage } from './not-found-page';

// Each area is its own chunk: the first paint loads the shell and one page only.
const WorkflowsPage = lazy(() => import('../workflows/workflows-page'));
const EditorPage = lazy(() => import('../editor/editor-page'));
const TemplatesPage = lazy(() => import('../templates/templates-page'));
const CustomersPage = lazy(() => import('../customers/customers-page'));
const CustomerPage = lazy(() => import('../customers/customer-page'));
const OutboxPage = lazy(() => import('../outbox/outbox-page'));
const SettingsPage = lazy(() => import('../settings/settings-page'));
const SegmentsPage = lazy(() => import('../segments/segments-page'));
const SegmentPage = lazy(() => import('../segments/segment-page'));

/** The application frame: navigation on the left, the routed page on the right. */
export function App() {
  const [location] = useLocation();
  // The editor needs the width: the navigation folds to icons there.
  const isEditor = /^\/workflows\/[^/]+/.test(location);
  return (
    <div className={isEditor ? 'app app-compact' : 'app'}>
      <Sidebar />
      <main className="app-main">
        <Suspense fallback={<Loading label="Loading page" />}>
          <Switch>
            <Route path="/">
              <Redirect to="/workflows" replace />
            </Route>
            <Route path="/workflows" component={WorkflowsPage} />
            <Route path="/workflows/:id">{(params) => <EditorPage workflowId={params.id} />}</Route>
            <Route path="/templates" component={TemplatesPage} />
            <Route path="/customers" component={CustomersPage} />
            <Route path="/customers/:id">{(params) => <CustomerPage customerId={params.id} />}</Route>
            <Route path="/segments" component={SegmentsPage} />
            <Route path="/segments/:id">{(params) => <SegmentPage segmentId={params.id} />}</Route>
            <Route path="/outbox" component={OutboxPage} />
            <Route path="/settings" component={SettingsPage} />
            <Route component={NotFoundPage} />
          </Switch>
        </Suspense>
      </main>
    </div>
  );
}
