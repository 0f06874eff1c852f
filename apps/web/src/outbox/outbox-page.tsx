import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'wouter';
import { formatRelative } from '../shell/format';
import { EmptyState, ErrorState, Loading } from '../shell/states';
import { useDebouncedValue } from '../shell/use-debounced-value';
import { useStoreId } from '../stores/current-store';
import { type OutboxEmail, outboxQueries } from './outbox-queries';

const STATUSES = ['', 'captured', 'sent', 'pending', 'failed', 'dead'];

/** Every email workflows sent or captured, searchable, each shown as the customer sees it. */
export default function OutboxPage() {
  const storeId = useStoreId();
  const [q, setQ] = useState('');
  const [status, setStatus] = useState('');
  const [openId, setOpenId] = useState<string | null>(null);
  const query = useDebouncedValue(q.trim(), 250);
  const list = useQuery(outboxQueries.list(storeId, query, status));
  const open = list.data?.items.find((e) => e.id === openId) ?? null;

  return (
    <div className="page">
      <header className="page-header">
        <div>
          <h1>Outbox</h1>
          <p className="page-lead">
            Every email a workflow sent. Without an SMTP server they are captured here instead.
          </p>
        </div>
      </header>
      <div className="row-actions">
        <input
          type="search"
          className="search-input"
          aria-label="Search emails"
          placeholder="Search by recipient or subject…"
          value={q}
          onChange={(e) => setQ(e.target.value)}
        />
        <select
          aria-label="Status"
          value={status}
          onChange={(e) => setStatus(e.target.value)}
          style={{ width: 160 }}
        >
          {STATUSES.map((s) => (
            <option key={s} value={s}>
              {s ? s[0]!.toUpperCase() + s.slice(1) : 'All statuses'}
            </option>
          ))}
        </select>
      </div>
      {list.isPending ? (
        <Loading label="Loading emails" />
      ) : list.isError ? (
        <ErrorState title="Could not load the outbox" error={list.error} onRetry={() => list.refetch()} />
      ) : list.data.items.length === 0 ? (
        <EmptyState title={query || status ? 'No email matches' : 'No emails yet'}>
          Emails appear here when an active workflow with a “Send email” step runs.
        </EmptyState>
      ) : (
        <div className="outbox">
          <ul className="outbox-list" aria-label="Emails">
            {list.data.items.map((e) => (
              <li key={e.id}>
                <button
                  type="button"
                  className="outbox-item"
                  aria-pressed={e.id === openId}
                  onClick={() => setOpenId(e.id)}
                >
                  <span className="outbox-subject">{e.subject}</span>
                  <span className="muted small">
                    {e.to} · {formatRelative(e.createdAt)}
                  </span>
                  <span
                    className={`badge ${e.status === 'sent' || e.status === 'captured' ? 'badge-ok' : e.status === 'pending' ? '' : 'badge-warn'}`}
                  >
                    {e.status}
                  </span>
                </button>
              </li>
            ))}
          </ul>
          {open ? (
            <EmailView email={open} />
          ) : (
            <EmptyState title="Choose an email">Its rendered content shows here.</EmptyState>
          )}
        </div>
      )}
    </div>
  );
}

function EmailView({ email }: { email: OutboxEmail }) {
  return (
    <article className="card outbox-view" aria-label={`Email ${email.subject}`}>
      <header>
        <h2 className="outbox-view-subject">{email.subject}</h2>
        <p className="muted small">
          To {email.to}
          {email.customerId !== null && (
            <>
              {' · '}
              <Link href={`/customers/${email.customerId}`}>customer profile</Link>
            </>
          )}
          {email.lastError && <span className="error-text"> · {email.lastError}</span>}
        </p>
      </header>
      {email.html ? (
        // The body is the store's own template output; a sandbox keeps any script or link inert.
        <iframe title="Email body" className="outbox-frame" sandbox="" srcDoc={email.html} />
      ) : (
        <pre className="outbox-text">{email.text ?? ''}</pre>
      )}
    </article>
  );
}
