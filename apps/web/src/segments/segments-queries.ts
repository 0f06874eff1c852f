import { queryOptions } from '@tanstack/react-query';
import { api } from '../api/client';
import type { Condition } from '../workflows/graph';

/** A customer in a preview sample. */
export interface PreviewCustomer {
  id: string;
  email?: string | null;
  firstName?: string | null;
  lastName?: string | null;
  name?: string | null;
}

/** How many customers a condition matches right now, with a sample. */
export interface SegmentPreview {
  count: number;
  total: number;
  sample: PreviewCustomer[];
  tookMs: number;
}

/** Query keys and options for segments. */
export const segmentsQueries = {
  all: (storeId: string) => ['stores', storeId, 'segments'] as const,
  preview: (storeId: string, condition: Condition) =>
    queryOptions({
      queryKey: [...segmentsQueries.all(storeId), 'preview', JSON.stringify(condition)],
      queryFn: ({ signal }) =>
        api.post<SegmentPreview>(
          `/stores/${encodeURIComponent(storeId)}/segments/preview`,
          { condition },
          { signal },
        ),
      staleTime: 30_000,
      retry: false,
      placeholderData: (previous) => previous,
    }),
};
