import { createContext, createElement, type ReactNode, useContext } from 'react';
import { temporal, type TemporalState } from 'zundo';
import { createStore, type StoreApi, useStore } from 'zustand';
import type { WorkflowGraph } from '../workflows/graph';
import type { WorkflowFlowEdge, WorkflowFlowNode } from './flow-mapping';
import { type ClipboardSlice, createClipboardSlice } from './slices/clipboard-slice';
import { createDocumentSlice, type DocumentSlice } from './slices/document-slice';
import { createGraphSlice, type GraphSlice } from './slices/graph-slice';
import {
  createHistorySlice,
  HISTORY_LIMIT,
  type HistorySlice,
  sameHistoryState,
} from './slices/history-slice';
import { createReviewSlice, type ReviewSlice } from './slices/review-slice';

/** Everything one open editor holds: the graph, the document, review overlays, history, clipboard. */
export type CanvasState = GraphSlice & DocumentSlice & ReviewSlice & HistorySlice & ClipboardSlice;

/** The part of the state undo/redo tracks. */
export type HistoryState = { nodes: WorkflowFlowNode[]; edges: WorkflowFlowEdge[] };

/** The store API, with zundo's `temporal` companion store. */
export type CanvasStore = StoreApi<CanvasState> & { temporal: StoreApi<TemporalState<HistoryState>> };

type SetState = (partial: Partial<CanvasState> | ((state: CanvasState) => Partial<CanvasState>)) => void;

/** The signature each slice factory returns; slices may read the whole state. */
export type CanvasSliceCreator<T> = (set: SetState, get: () => CanvasState, api: CanvasStore) => T;

/** What an editor is seeded with, once, from the workflow query. */
export interface CanvasSeed {
  workflowId: string;
  name: string;
  revision: number;
  graph: WorkflowGraph;
}

/** Creates the store for one open editor. */
export function createCanvasStore(seed: CanvasSeed): CanvasStore {
  return createStore<CanvasState>()(
    temporal(
      (set, get, api) => {
        const store = api as unknown as CanvasStore;
        const setState = set as SetState;
        return {
          ...createGraphSlice(seed.graph)(setState, get, store),
          ...createDocumentSlice(seed)(setState, get, store),
          ...createReviewSlice()(setState, get, store),
          ...createHistorySlice()(setState, get, store),
          ...createClipboardSlice()(setState, get, store),
        };
      },
      {
        partialize: (state): HistoryState => ({ nodes: state.nodes, edges: state.edges }),
        equality: sameHistoryState,
        limit: HISTORY_LIMIT,
      },
    ),
  ) as unknown as CanvasStore;
}

const CanvasStoreContext = createContext<CanvasStore | null>(null);

/** Provides one editor's store to the canvas, inspector and panels below it. */
export function CanvasStoreProvider({ store, children }: { store: CanvasStore; children: ReactNode }) {
  return createElement(CanvasStoreContext.Provider, { value: store }, children);
}

/** The store API, for event handlers that read state without subscribing. */
export function useCanvasStoreApi(): CanvasStore {
  const store = useContext(CanvasStoreContext);
  if (!store) throw new Error('useCanvasStore needs <CanvasStoreProvider>');
  return store;
}

/** Subscribes to a slice of the editor state through a named selector (see selectors.ts). */
export function useCanvasStore<T>(selector: (state: CanvasState) => T): T {
  return useStore(useCanvasStoreApi(), selector);
}

/** Subscribes to the undo history (can undo / can redo). */
export function useCanvasHistory<T>(selector: (state: TemporalState<HistoryState>) => T): T {
  return useStore(useCanvasStoreApi().temporal, selector);
}
