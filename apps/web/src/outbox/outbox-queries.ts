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
};
