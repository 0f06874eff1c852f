import { useQuery } from '@tanstack/react-query';
import { Link } from 'wouter';
import { formatCents, formatCount, formatDate } from '../shell/format';
import { ErrorState, Loading } from '../shell/states';
import { useStoreId } from '../stores/current-store';
import { type CustomerProfile, customerName, customersQueries } from './customers-queries';

/** A customer profile: group, tags, attributes, order stats and recent orders. */
export default function CustomerPage({ customerId }: { customerId: string }) {
  const storeId = useStoreId();
  const profile = useQuery(customersQueries.detail(storeId, customerId));
  return (
    <div className="page">
      <Link href="/customers" className="btn-link back-link">
        ← Customers
      </Link>
      {profile.isPending ? (
        <Loading label="Loading customer" />
      ) : profile.isError ? (
        <ErrorState
          title="Could not load this customer"
          error={profile.error}
          onRetry={() => profile.refetch()}
        />
      ) : (
        <Profile c={profile.data} onRefresh={() => profile.refetch()} refreshing={profile.isFetching} />
      )}
    </div>
  );
}

function Profile({
  c,
  onRefresh,
  refreshing,
}: {
  c: CustomerProfile;
  onRefresh: () => void;
  refreshing: boolean;
}) {
  const attributes = Object.entries(c.attributes ?? {});
  return (
    <>
      <header className="page-header">
        <div>
          <h1>{customerName(c)}</h1>
          <p className="page-lead">
            {c.email ?? 'No email'}
            {c.company ? ` · ${c.company}` : ''}
          </p>
        </div>
        <button type="button" className="btn" onClick={onRefresh} disabled={refreshing}>
          {refreshing ? 'Refreshing…' : 'Refresh'}
        </button>
      </header>
      <div className="cards">
        <section className="card" aria-label="Group">
          <h2>Group</h2>
          <p className="card-value" data-testid="customer-group">
            Group: {c.group ?? 'None'}
          </p>
        </section>
        <Stat label="Lifetime spend" value={formatCents(c.stats.lifetimeSpend)} />
        <Stat label="Orders" value={formatCount(c.stats.orderCount)} />
        <Stat label="Average order" value={formatCents(c.stats.averageOrderValue)} />
        <Stat label="Last order" value={formatDate(c.stats.lastOrderAt)} />
      </div>
      <div className="two-col">
        <section className="card" aria-label="Profile">
          <h2>Profile</h2>
          <dl className="facts">
            <Fact
              term="Tags"
              value={
                c.tags?.length
                  ? c.tags.map((t) => (
                      <span key={t} className="badge">
                        {t}
                      </span>
                    ))
                  : '—'
              }
            />
            <Fact
              term="Location"
              value={[c.city, c.state, c.zip, c.country].filter(Boolean).join(', ') || '—'}
            />
            <Fact term="Phone" value={c.phone ?? '—'} />
            <Fact term="Gender" value={c.gender ?? '—'} />
            <Fact term="Birth date" value={formatDate(c.birthDate)} />
            <Fact term="Accepts marketing" value={c.acceptsMarketing ? 'Yes' : 'No'} />
            <Fact term="First order" value={formatDate(c.stats.firstOrderAt)} />
            <Fact term="Customer since" value={formatDate(c.createdAt)} />
            <Fact term="External id" value={<span className="mono">{c.externalId ?? '—'}</span>} />
          </dl>
        </section>
        <section className="card" aria-label="Attributes">
          <h2>Custom attributes</h2>
          {attributes.length === 0 ? (
            <p className="muted">No custom attributes.</p>
          ) : (
            <dl className="facts">
              {attributes.map(([k, v]) => (
                <Fact key={k} term={k} value={typeof v === 'string' ? v : JSON.stringify(v)} />
              ))}
            </dl>
          )}
        </section>
      </div>
      {c.recentOrders && (
        <section className="card" aria-label="Recent orders">
          <h2>Recent orders</h2>
          {c.recentOrders.length === 0 ? (
            <p className="muted">No orders yet.</p>
          ) : (
            <table className="table table-compact">
              <thead>
                <tr>
                  <th scope="col">Order</th>
                  <th scope="col">Date</th>
                  <th scope="col">Status</th>
                  <th scope="col">Channel</th>
                  <th scope="col" className="num">
                    Total
                  </th>
                </tr>
              </thead>
              <tbody>
                {c.recentOrders.map((o) => (
                  <tr key={o.id}>
                    <td className="mono">{o.externalId ?? o.id}</td>
                    <td>{formatDate(o.createdAt)}</td>
                    <td>{o.status ?? '—'}</td>
                    <td>{o.channel ?? '—'}</td>
                    <td className="num">{formatCents(o.total)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      )}
    </>
  );
}

function Stat({ label, value }: { label: string; value: string }) {
  return (
    <section className="card stat">
      <h2>{label}</h2>
      <p className="card-value">{value}</p>
    </section>
  );
}

function Fact({ term, value }: { term: string; value: React.ReactNode }) {
  return (
    <div>
      <dt>{term}</dt>
      <dd>{value}</dd>
    </div>
  );
}
