import { EmptyState } from './states';

/** A page for an area that is planned but not built yet; it says so instead of faking data. */
export function PlaceholderPage({ title, lead, detail }: { title: string; lead: string; detail: string }) {
  return (
    <div className="page">
      <header className="page-header">
        <div>
          <h1>{title}</h1>
          <p className="page-lead">{lead}</p>
        </div>
      </header>
      <EmptyState title="Coming soon">{detail}</EmptyState>
    </div>
  );
}
