import type { FieldValuesResponse } from '@segflow/schema';
import { queryOptions } from '@tanstack/react-query';
import { api } from '../api/client';

/**
 * Query options for the values of a field present in a store's data (`GET …/field-values`), cached
 * per store, field and search text; the data changes slowly, so a minute is fresh enough.
 */
export const fieldValuesQueries = {
  all: (storeId: string) => ['stores', storeId, 'field-values'] as const,
  list: (storeId: string, field: string, q: string) =>
    queryOptions({
      queryKey: [...fieldValuesQueries.all(storeId), field, q],
      queryFn: ({ signal }) =>
        api.get<FieldValuesResponse>(`/stores/${encodeURIComponent(storeId)}/field-values`, {
          query: { field, q, limit: q ? 20 : 100 },
          signal,
        }),
      staleTime: 60_000,
      placeholderData: (previous) => previous,
    }),
};
