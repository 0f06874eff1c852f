import { useQuery } from '@tanstack/react-query';
import { Link, useLocation } from 'wouter';
import { useCurrentStore } from '../stores/current-store';
import { storesQueries } from '../stores/stores-queries';

const NAV = [
  { href: '/workflows', label: 'Workflows', icon: '⇢' },
  { href: '/segments', label: 'Segments', icon: '◎' },
  { href: '/customers', label: 'Customers', icon: '☺' },
  { href: '/outbox', label: 'Outbox', icon: '✉' },
  { href: '/settings', label: 'Settings', icon: '⚙' },
] as const;

/** Primary navigation and the store picker. */
export function Sidebar() {
  const [location] = useLocation();
  const { storeId, setStoreId } = useCurrentStore();
  const stores = useQuery(storesQueries.list());
  return (
    <nav className="sidebar" aria-label="Main">
      <Link href="/workflows" className="brand" aria-label="Segflow home">
        <span className="brand-mark" aria-hidden="true">
          S
        </span>
        <span className="nav-label">Segflow</span>
      </Link>
      <ul className="nav-list">
        {NAV.map((item) => {
          const active = location === item.href || location.startsWith(`${item.href}/`);
          return (
            <li key={item.href}>
              <Link
                href={item.href}
                className="nav-link"
                aria-current={active ? 'page' : undefined}
                title={item.label}
              >
                <span className="nav-icon" aria-hidden="true">
                  {item.icon}
                </span>
                <span className="nav-label">{item.label}</span>
              </Link>
            </li>
          );
        })}
      </ul>
      <label className="store-picker">
        <span>Store</span>
        <select aria-label="Store" value={storeId} onChange={(e) => setStoreId(e.target.value)}>
          {(stores.data ?? [{ id: storeId, name: storeId }]).map((s) => (
            <option key={s.id} value={s.id}>
              {s.name || s.id}
            </option>
          ))}
        </select>
      </label>
    </nav>
  );
}
