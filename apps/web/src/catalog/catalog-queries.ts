import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../api/client';
import { type Catalog, normalizeCatalog } from './catalog-model';

/** Query options for the node/field/operator catalog; it changes only with a deploy. */
export const catalogQueries = {
  all: () => ['catalog'] as const,
  catalog: () =>
    queryOptions({
      queryKey: catalogQueries.all(),
      queryFn: async (): Promise<Catalog> => normalizeCatalog(await api.get<unknown>('/catalog')),
      staleTime: Number.POSITIVE_INFINITY,
    }),
};

/** The catalog, loaded once per session. */
export function useCatalog() {
  return useQuery(catalogQueries.catalog());
}
