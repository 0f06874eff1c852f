import { useQuery } from '@tanstack/react-query';
import { Link } from 'wouter';
import { useCatalog } from '../catalog/catalog-queries';
import { summarizeCondition } from '../editor/condition/condition-summary';
import { formatCount, formatRelative } from '../shell/format';
import { EmptyState, ErrorState, Loading } from '../shell/states';
import { useStoreId } from '../stores/current-store';
import { segmentsQueries } from './segments-queries';

/** Saved segments with their size and rules; each opens in the segment builder. */
export default function SegmentsPage() {
  const storeId = useStoreId();
  const list = useQuery(segmentsQueries.list(storeId));
  const catalog = useCatalog();
  const newButton = (
    <Link href="/segments/new" className="btn btn-primary">
      New segment
    </Link>
  );
  return (
    <div className="page">
      <header className="page-header">
        <div>
          <h1>Segments</h1>
          <p className="page-lead">
            Saved audiences with a live size. Workflows can start when a customer enters or leaves one.
          </p>
        </div>
        {newButton}
      </header>
      {list.isPending ? (
        <Loading label="Loading segments" />
      ) : list.isError ? (
        <ErrorState title="Could not load segments" error={list.error} onRetry={() => list.refetch()} />
      ) : list.data.length === 0 ? (
        <EmptyState title="No segments yet" action={newButton}>
          Describe an audience once, such as “Texas customers who spent over $2,000”, and reuse it everywhere.
        </EmptyState>
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Rules</th>
              <th scope="col" className="num">
                Customers
              </th>
              <th scope="col">Updated</th>
            </tr>
          </thead>
          <tbody>
            {list.data.map((s) => (
              <tr key={s.id}>
                <td>
                  <Link href={`/segments/${s.id}`} className="row-link">
                    {s.name}
                  </Link>
                  {s.description && <div className="muted small">{s.description}</div>}
                </td>
                <td className="small">{summarizeCondition(s.condition, catalog.data)}</td>
                <td className="num">{formatCount(s.size)}</td>
                <td className="muted">{formatRelative(s.updatedAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
