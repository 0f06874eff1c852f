import { useQuery } from '@tanstack/react-query';
import { EmptyState, ErrorState, Loading } from '../shell/states';
import { useCurrentStore } from '../stores/current-store';
import { storesQueries } from '../stores/stores-queries';

/** Settings: the stores this account can work in, and which one is current. */
export default function SettingsPage() {
  const stores = useQuery(storesQueries.list());
  const { storeId, setStoreId } = useCurrentStore();
  return (
    <div className="page">
      <header className="page-header">
        <div>
          <h1>Settings</h1>
          <p className="page-lead">Stores, team members, API keys and store connections.</p>
        </div>
      </header>
      <section className="card" aria-label="Stores">
        <h2>Stores</h2>
        {stores.isPending ? (
          <Loading label="Loading stores" />
        ) : stores.isError ? (
          <ErrorState title="Could not load stores" error={stores.error} onRetry={() => stores.refetch()} />
        ) : (
          <table className="table table-compact">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Id</th>
                <th scope="col">Time zone</th>
                <th scope="col">
                  <span className="visually-hidden">Current</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {stores.data.map((s) => (
                <tr key={s.id}>
                  <td>{s.name}</td>
                  <td className="mono">{s.id}</td>
                  <td>{s.timeZone ?? 'UTC'}</td>
                  <td className="row-end">
                    {s.id === storeId ? (
                      <span className="badge badge-ok">Current</span>
                    ) : (
                      <button type="button" className="btn btn-small" onClick={() => setStoreId(s.id)}>
                        Switch
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <EmptyState title="Members, API keys and connections are not editable here yet">
        Machine clients use an API key (Authorization: Bearer …); set BOOTSTRAP_API_KEY when starting the
        server.
      </EmptyState>
    </div>
  );
}
