import { mutationOptions, queryOptions, type QueryClient } from '@tanstack/react-query';
import { api, type Page } from '../api/client';
import type { ValidationIssue, WorkflowGraph } from './graph';

/** A row of the workflows list. */
export interface WorkflowSummary {
  id: string;
  name: string;
  active: boolean;
  revision: number;
  publishedVersion: number | null;
  triggerTypes: string[];
  updatedAt: string;
}

/** A workflow with its editable draft graph. */
export interface Workflow extends WorkflowSummary {
  graph: WorkflowGraph;
}

/** One published, immutable version of a workflow. */
export interface WorkflowVersion {
  id?: string;
  version: number;
  note?: string | null;
  publishedAt: string;
  graph?: WorkflowGraph;
  triggerTypes?: string[];
}

/** The outcome of a dry run: each step the engine took and the actions it would have done. */
export interface TestRunResult {
  status?: string;
  steps?: Array<{
    nodeId: string;
    status?: string;
    outcome?: string;
    handle?: string;
    detail?: unknown;
    reason?: string;
  }>;
  actions?: Array<{ nodeId: string; port: string; request?: unknown }>;
  [key: string]: unknown;
}

/** One replayed event of a backtest: the path the draft would take and the actions it would do. */
export interface BacktestItem {
  eventId: string;
  customerId: number | string;
  status: string;
  path: Array<{ nodeId: string; status: string; handle: string | null; skipReason: string | null }>;
  actions: Array<{ nodeId: string; port: string; request?: unknown }>;
}

/** A backtest over the last N stored events. */
export interface BacktestResult {
  items: BacktestItem[];
  totals: {
    events: number;
    completed: number;
    waiting: number;
    failed: number;
    actions: Record<string, number>;
  };
}

/** Per-node counters from real runs. */
export interface WorkflowStats {
  runs: Record<string, number>;
  nodes: Record<
    string,
    { entered: number; handles: Record<string, number>; statuses: Record<string, number> }
  >;
}

const base = (storeId: string) => `/stores/${encodeURIComponent(storeId)}/workflows`;

/** Query keys and options for workflows, scoped by store. */
export const workflowsQueries = {
  all: (storeId: string) => ['stores', storeId, 'workflows'] as const,
  list: (storeId: string) =>
    queryOptions({
      queryKey: [...workflowsQueries.all(storeId), 'list'],
      queryFn: () => api.get<Page<WorkflowSummary>>(base(storeId), { query: { limit: 200 } }),
    }),
  detail: (storeId: string, id: string) =>
    queryOptions({
      queryKey: [...workflowsQueries.all(storeId), 'detail', id],
      queryFn: () => api.get<Workflow>(`${base(storeId)}/${encodeURIComponent(id)}`),
      staleTime: Number.POSITIVE_INFINITY,
    }),
  versions: (storeId: string, id: string) =>
    queryOptions({
      queryKey: [...workflowsQueries.all(storeId), 'detail', id, 'versions'],
      queryFn: async () => {
        const body = await api.get<Page<WorkflowVersion> | WorkflowVersion[]>(
          `${base(storeId)}/${id}/versions`,
        );
        return Array.isArray(body) ? body : body.items;
      },
    }),
  stats: (storeId: string, id: string, sinceDays: number) =>
    queryOptions({
      queryKey: [...workflowsQueries.all(storeId), 'detail', id, 'stats', sinceDays],
      queryFn: () => {
        const since = new Date(Date.now() - sinceDays * 86_400_000).toISOString();
        return api.get<WorkflowStats>(`${base(storeId)}/${id}/stats`, { query: { since } });
      },
      staleTime: 60_000,
    }),
};

/** Mutation options for workflows; each invalidates what it changed. */
export const workflowsMutations = {
  create: (storeId: string, client: QueryClient) =>
    mutationOptions({
      mutationFn: (body: { name: string; graph: WorkflowGraph }) => api.post<Workflow>(base(storeId), body),
      onSuccess: () => client.invalidateQueries({ queryKey: [...workflowsQueries.all(storeId), 'list'] }),
    }),
  save: (storeId: string, id: string, client: QueryClient) =>
    mutationOptions({
      mutationFn: (body: { name?: string; graph: WorkflowGraph; revision: number }) =>
        api.put<Workflow>(`${base(storeId)}/${id}`, body),
      onSuccess: (workflow) => {
        client.setQueryData(workflowsQueries.detail(storeId, id).queryKey, workflow);
        void client.invalidateQueries({ queryKey: [...workflowsQueries.all(storeId), 'list'] });
      },
    }),
  publish: (storeId: string, id: string, client: QueryClient) =>
    mutationOptions({
      mutationFn: (body: { note?: string }) => api.post<Workflow>(`${base(storeId)}/${id}/publish`, body),
      onSuccess: () => client.invalidateQueries({ queryKey: workflowsQueries.all(storeId) }),
    }),
  setActive: (storeId: string, client: QueryClient) =>
    mutationOptions({
      mutationFn: ({ id, active }: { id: string; active: boolean }) =>
        api.post<Workflow>(`${base(storeId)}/${id}/${active ? 'activate' : 'deactivate'}`),
      onSuccess: () => client.invalidateQueries({ queryKey: workflowsQueries.all(storeId) }),
    }),
  remove: (storeId: string, client: QueryClient) =>
    mutationOptions({
      mutationFn: (id: string) => api.delete(`${base(storeId)}/${id}`),
      onSuccess: () => client.invalidateQueries({ queryKey: workflowsQueries.all(storeId) }),
    }),
  restore: (storeId: string, id: string, client: QueryClient) =>
    mutationOptions({
      mutationFn: (version: number) => api.post<Workflow>(`${base(storeId)}/${id}/restore`, { version }),
      onSuccess: () => client.invalidateQueries({ queryKey: workflowsQueries.all(storeId) }),
    }),
  test: (storeId: string, id: string) =>
    mutationOptions({
      mutationFn: (body: { graph?: WorkflowGraph; customerId?: string; event?: unknown }) =>
        api.post<TestRunResult>(`${base(storeId)}/${id}/test`, body),
    }),
  backtest: (storeId: string, id: string) =>
    mutationOptions({
      mutationFn: (body: { limit: number }) =>
        api.post<BacktestResult>(`${base(storeId)}/${id}/backtest`, body),
    }),
  validate: (storeId: string) =>
    mutationOptions({
      mutationFn: (graph: WorkflowGraph) =>
        api.post<{ issues: ValidationIssue[] }>(`${base(storeId)}/validate`, { graph }),
    }),
};
