import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '../api/client';
import type { Catalog } from './catalog-model';

/** Query options for the node/field/operator catalog; it changes only with a deploy. */
export const catalogQueries = {
  all: () => ['catalog'] as const,
  catalog: () =>
    queryOptions({
      queryKey: catalogQueries.all(),
      // The model (with its region lists) loads beside the request, outside the app's first chunk:
      // the editor route prefetches the catalog from the shell.
      queryFn: async (): Promise<Catalog> => {
        const [model, raw] = await Promise.all([import('./catalog-model'), api.get<unknown>('/catalog')]);
        return model.normalizeCatalog(raw);
      },
      staleTime: Number.POSITIVE_INFINITY,
    }),
};

/** The catalog, loaded once per session. */
export function useCatalog() {
  return useQuery(catalogQueries.catalog());
}
