import { mutationOptions, type QueryClient, queryOptions } from '@tanstack/react-query';
import { api, type Page } from '../api/client';
import type { Condition } from '../workflows/graph';

/** A customer in a preview sample. */
export interface PreviewCustomer {
  id: string | number;
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

/** Why one customer is in or out: the condition tree with a verdict (and actual value) per node. */
export type ExplainedNode =
  | { all: ExplainedNode[]; pass: boolean }
  | { any: ExplainedNode[]; pass: boolean }
  | { not: ExplainedNode; pass: boolean }
  | { field: string; op: string; value?: unknown; pass: boolean; actual?: unknown; [param: string]: unknown };

/** The answer of `POST /segments/explain`. */
export interface SegmentExplanation {
  customerId: number;
  matches: boolean;
  tree: ExplainedNode;
}

/** A saved segment with its current size. */
export interface Segment {
  id: string;
  name: string;
  description: string | null;
  condition: Condition;
  size: number;
  createdAt: string;
  updatedAt: string;
  evaluatedAt: string | null;
}

const base = (storeId: string) => `/stores/${encodeURIComponent(storeId)}/segments`;

/** Query keys and options for segments. */
export const segmentsQueries = {
  all: (storeId: string) => ['stores', storeId, 'segments'] as const,
  list: (storeId: string) =>
    queryOptions({
      queryKey: [...segmentsQueries.all(storeId), 'list'],
      queryFn: async () => {
        const body = await api.get<Page<Segment> | Segment[]>(base(storeId));
        return Array.isArray(body) ? body : body.items;
      },
    }),
  detail: (storeId: string, id: string) =>
    queryOptions({
      queryKey: [...segmentsQueries.all(storeId), 'detail', id],
      queryFn: () => api.get<Segment>(`${base(storeId)}/${encodeURIComponent(id)}`),
    }),
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
  explain: (storeId: string, condition: Condition, customerId: string | number) =>
    queryOptions({
      queryKey: [...segmentsQueries.all(storeId), 'explain', JSON.stringify(condition), String(customerId)],
      queryFn: ({ signal }) =>
        api.post<SegmentExplanation>(
          `/stores/${encodeURIComponent(storeId)}/segments/explain`,
          { condition, customerId },
          { signal },
        ),
      staleTime: 30_000,
      retry: false,
    }),
};

/** Mutation options for segments; each invalidates the store's segment queries. */
export const segmentsMutations = {
  save: (storeId: string, client: QueryClient) =>
    mutationOptions({
      mutationFn: ({
        id,
        ...body
      }: {
        id?: string;
        name: string;
        description: string | null;
        condition: Condition;
      }) =>
        id
          ? api.put<Segment>(`${base(storeId)}/${encodeURIComponent(id)}`, body)
          : api.post<Segment>(base(storeId), body),
      onSuccess: () => client.invalidateQueries({ queryKey: segmentsQueries.all(storeId) }),
    }),
  remove: (storeId: string, client: QueryClient) =>
    mutationOptions({
      mutationFn: (id: string) => api.delete(`${base(storeId)}/${encodeURIComponent(id)}`),
      onSuccess: () => client.invalidateQueries({ queryKey: segmentsQueries.all(storeId) }),
    }),
};
