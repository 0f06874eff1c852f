import { type UseQueryResult, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { isApiError } from '../../api/client';
import { type Customer, customerName, customersQueries } from '../../customers/customers-queries';
import { type EmailPreviewResult, outboxQueries } from '../../outbox/outbox-queries';
import { useDebouncedValue } from '../../shell/use-debounced-value';
import { useStoreId } from '../../stores/current-store';

/** How long the template must stay unchanged before the server renders it. */
export const PREVIEW_DEBOUNCE_MS = 300;

/**
 * The email as a real customer would read it, rendered by the server's own Liquid
 * (`POST …/emails/preview`, debounced): the store's first customer by default, or one picked by
 * search. The body renders in a sandboxed frame; a template error shows the server's message.
 */
export function EmailPreview({
  subject,
  body,
  recipient = 'customer',
}: {
  subject: string;
  body: string;
  /** Who receives it: the customer (send email), or the store's team (notify team). */
  recipient?: 'customer' | 'team';
}) {
  const storeId = useStoreId();
  const [search, setSearch] = useState('');
  const [picked, setPicked] = useState<Customer | null>(null);
  const q = useDebouncedValue(search.trim(), PREVIEW_DEBOUNCE_MS);
  // The first customer (the unfiltered list, cached) until the marketer picks one.
  const first = useQuery(customersQueries.search(storeId, ''));
  const customers = useQuery(customersQueries.search(storeId, q));
  const found = customers.data?.items ?? [];
  const customer = picked ?? first.data?.items[0] ?? null;
  // Strings, not one object: a fresh object each render would restart the debounce forever.
  const template = {
    subject: useDebouncedValue(subject, PREVIEW_DEBOUNCE_MS),
    body: useDebouncedValue(body, PREVIEW_DEBOUNCE_MS),
  };
  const isEmpty = !template.subject && !template.body;
  const preview = useQuery({
    ...outboxQueries.preview(storeId, template, customer?.id ?? ''),
    enabled: customer !== null && !isEmpty,
  });
  if (!subject && !body) return null;
  const options = customer && !found.some((c) => c.id === customer.id) ? [customer, ...found] : found;

  return (
    <section className="email-preview" aria-label="Email preview">
      <h3>Preview</h3>
      <div className="email-preview-customer">
        <input
          type="search"
          aria-label="Find a preview customer"
          placeholder="Find a customer…"
          value={search}
          onChange={(e) => setSearch(e.target.value)}
        />
        <select
          aria-label="Preview customer"
          value={customer ? String(customer.id) : ''}
          onChange={(e) => setPicked(options.find((c) => String(c.id) === e.target.value) ?? null)}
        >
          {!customer && <option value="">{first.isPending ? 'Loading…' : 'No customers yet'}</option>}
          {options.map((c) => (
            <option key={c.id} value={String(c.id)}>
              {customerName(c)}
              {c.email && customerName(c) !== c.email ? ` · ${c.email}` : ''}
            </option>
          ))}
        </select>
      </div>
      <PreviewBody preview={preview} hasCustomer={customer !== null} recipient={recipient} />
    </section>
  );
}

function PreviewBody({
  preview,
  hasCustomer,
  recipient,
}: {
  preview: UseQueryResult<EmailPreviewResult>;
  hasCustomer: boolean;
  recipient: 'customer' | 'team';
}) {
  if (!hasCustomer) return <p className="muted small">Add a customer to the store to preview this email.</p>;
  const error = preview.error;
  return (
    <>
      {error && (
        <p role="alert" className="email-preview-error">
          {isApiError(error, 400) ? error.message : `Preview unavailable: ${error.message}`}
        </p>
      )}
      {preview.isPending && !error && <p className="muted small">Rendering…</p>}
      {preview.data && (
        <div className={error || preview.isPlaceholderData ? 'email-preview-stale' : undefined}>
          <div className="small muted">
            To: {recipient === 'team' ? "the store's team" : (preview.data.to ?? 'no email address')}
          </div>
          <div className="email-preview-subject" data-testid="email-preview-subject">
            {preview.data.subject || <span className="muted">No subject</span>}
          </div>
          {/* The store's own template output: the sandbox keeps any script or form inert. */}
          <iframe
            title="Email body preview"
            className="email-preview-frame"
            sandbox=""
            srcDoc={preview.data.html}
          />
        </div>
      )}
    </>
  );
}
