import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useSearch } from 'wouter';
import { formatCents, formatCount, formatDate } from '../shell/format';
import { EmptyState, ErrorState, Loading } from '../shell/states';
import { useDebouncedValue } from '../shell/use-debounced-value';
import { useStoreId } from '../stores/current-store';
import { customerName, customersQueries } from './customers-queries';

/** Customer search by email or name, with group, location and spend. */
export default function CustomersPage() {
  const storeId = useStoreId();
  const initial = new URLSearchParams(useSearch()).get('q') ?? '';
  const [q, setQ] = useState(initial);
  const [cursors, setCursors] = useState<string[]>([]);
  const query = useDebouncedValue(q.trim(), 250);
  const cursor = cursors[cursors.length - 1];
  const result = useQuery(customersQueries.search(storeId, query, cursor));

  return (
    <div className="page">
      <header className="page-header">
        <div>
          <h1>Customers</h1>
          <p className="page-lead">Search by email or name to see a customer’s group, tags and spend.</p>
        </div>
      </header>
      <input
        type="search"
        className="search-input"
        aria-label="Search customers"
        placeholder="Search by email or name…"
        value={q}
        onChange={(e) => {
          setQ(e.target.value);
          setCursors([]);
        }}
      />
      {result.isPending ? (
        <Loading label="Searching customers" />
      ) : result.isError ? (
        <ErrorState
          title="Could not search customers"
          error={result.error}
          onRetry={() => result.refetch()}
        />
      ) : result.data.items.length === 0 ? (
        <EmptyState title={query ? `No customer matches “${query}”` : 'No customers yet'}>
          {query
            ? 'Try part of an email address or a last name.'
            : 'Customers appear as soon as the store sends events.'}
        </EmptyState>
      ) : (
        <>
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Customer</th>
                <th scope="col">Group</th>
                <th scope="col">Location</th>
                <th scope="col" className="num">
                  Orders
                </th>
                <th scope="col" className="num">
                  Lifetime spend
                </th>
                <th scope="col">Customer since</th>
              </tr>
            </thead>
            <tbody>
              {result.data.items.map((c) => (
                <tr key={c.id}>
                  <td>
                    <Link href={`/customers/${c.id}`} className="row-link">
                      {customerName(c)}
                    </Link>
                    <div className="muted small">{c.email}</div>
                  </td>
                  <td>
                    {c.group ? (
                      <span className="badge badge-group">{c.group}</span>
                    ) : (
                      <span className="muted">—</span>
                    )}
                  </td>
                  <td>{[c.city, c.state, c.country].filter(Boolean).join(', ') || '—'}</td>
                  <td className="num">{formatCount(c.stats?.orderCount)}</td>
                  <td className="num">{formatCents(c.stats?.lifetimeSpend)}</td>
                  <td className="muted">{formatDate(c.createdAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <div className="pager">
            <button
              type="button"
              className="btn"
              disabled={cursors.length === 0}
              onClick={() => setCursors(cursors.slice(0, -1))}
            >
              Previous
            </button>
            <button
              type="button"
              className="btn"
              disabled={!result.data.nextCursor}
              onClick={() => result.data.nextCursor && setCursors([...cursors, result.data.nextCursor])}
            >
              Next
            </button>
          </div>
        </>
      )}
    </div>
  );
}
