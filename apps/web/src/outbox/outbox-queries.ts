import { queryOptions } from '@tanstack/react-query';
import { api, type Page } from '../api/client';

/** An email a workflow sent or captured (without SMTP, emails are captured here, not sent). */
export interface OutboxEmail {
  id: string;
  kind: string;
  customerId: number | null;
  runId: string | null;
  to: string;
  subject: string;
  html: string | null;
  text: string | null;
  status: 'pending' | 'captured' | 'sent' | 'failed' | 'dead';
  attempts: number;
  lastError: string | null;
  sentAt: string | null;
  createdAt: string;
}

/** `POST …/emails/preview`: the subject and body rendered by the server's Liquid for one customer. */
export interface EmailPreviewResult {
  to: string | null;
  subject: string;
  html: string;
  text: string;
  acceptsMarketing: boolean;
}

/** Query options for the outbox, scoped by store. */
export const outboxQueries = {
  all: (storeId: string) => ['stores', storeId, 'emails'] as const,
  list: (storeId: string, q: string, status: string) =>
    queryOptions({
      queryKey: [...outboxQueries.all(storeId), 'list', q, status],
      queryFn: ({ signal }) =>
        api.get<Page<OutboxEmail>>(`/stores/${encodeURIComponent(storeId)}/emails`, {
          query: { q, status: status || undefined, limit: 100 },
          signal,
        }),
      placeholderData: (previous) => previous,
    }),
  /** Renders a template for a customer; nothing is written, so it is a query keyed by its input. */
  preview: (storeId: string, template: { subject: string; body: string }, customerId: string | number) =>
    queryOptions({
      queryKey: [...outboxQueries.all(storeId), 'preview', template.subject, template.body, customerId],
      queryFn: ({ signal }) =>
        api.post<EmailPreviewResult>(
          `/stores/${encodeURIComponent(storeId)}/emails/preview`,
          { ...template, customerId },
          { signal },
        ),
      placeholderData: (previous) => previous,
      retry: false,
      staleTime: 30_000,
    }),
};
