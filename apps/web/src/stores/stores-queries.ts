import { queryOptions } from '@tanstack/react-query';
import { api } from '../api/client';

/** A store (tenant) the signed-in user can work in. */
export interface StoreSummary {
  id: string;
  name: string;
  timeZone?: string;
  currency?: string;
}

/** Query keys and options for stores. */
export const storesQueries = {
  all: () => ['stores'] as const,
  list: () =>
    queryOptions({
      queryKey: [...storesQueries.all(), 'list'],
      queryFn: async () => {
        const body = await api.get<{ items: StoreSummary[] } | StoreSummary[]>('/stores');
        return Array.isArray(body) ? body : body.items;
      },
      staleTime: 5 * 60_000,
    }),
};
