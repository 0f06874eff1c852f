import { Link } from 'wouter';
import { EmptyState } from './states';

/** Shown for any path no route matches. */
export function NotFoundPage() {
  return (
    <div className="page">
      <EmptyState
        title="Page not found"
        action={
          <Link href="/workflows" className="btn">
            Go to workflows
          </Link>
        }
      >
        The address does not match any page in Segflow.
      </EmptyState>
    </div>
  );
}
