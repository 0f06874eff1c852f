import type { CanvasSliceCreator, HistoryState } from '../canvas-store';

/** Undo/redo over graph edits (zundo), with drags recorded as one step. */
export interface HistorySlice {
  undo: () => void;
  redo: () => void;
  /** Starts grouping changes (a drag) into one undo step. */
  beginBatch: () => void;
  /** Ends the group; records one step when anything changed. */
  endBatch: () => void;
  /** Forgets all history (after a reload from the server). */
  clearHistory: () => void;
}

/** Builds the history slice; it drives the store's `temporal` companion store. */
export const createHistorySlice = (): CanvasSliceCreator<HistorySlice> => {
  let batchStart: HistoryState | null = null;
  return (set, get, api) => {
    const temporal = () => api.temporal.getState();
    const bump = () => set((s) => ({ changeCount: s.changeCount + 1 }));
    return {
      undo: () => {
        if (temporal().pastStates.length === 0) return;
        temporal().undo();
        bump();
      },
      redo: () => {
        if (temporal().futureStates.length === 0) return;
        temporal().redo();
        bump();
      },
      beginBatch: () => {
        const { nodes, edges } = get();
        batchStart = { nodes, edges };
        temporal().pause();
      },
      endBatch: () => {
        const start = batchStart;
        batchStart = null;
        temporal().resume();
        if (!start) return;
        const { nodes, edges } = get();
        if (sameHistoryState(start, { nodes, edges })) return;
        api.temporal.setState((t) => ({
          pastStates: [...t.pastStates, start].slice(-HISTORY_LIMIT),
          futureStates: [],
        }));
      },
      clearHistory: () => temporal().clear(),
    };
  };
};

/** How many undo steps are kept. */
export const HISTORY_LIMIT = 100;

/**
 * True when two snapshots hold the same graph: selection, measuring and dragging flags do not
 * count, so they never make an undo step. Unchanged nodes keep their position and data objects.
 */
export function sameHistoryState(a: Partial<HistoryState>, b: Partial<HistoryState>): boolean {
  const an = a.nodes ?? [];
  const bn = b.nodes ?? [];
  const ae = a.edges ?? [];
  const be = b.edges ?? [];
  if (an.length !== bn.length || ae.length !== be.length) return false;
  for (let i = 0; i < an.length; i++) {
    const x = an[i]!;
    const y = bn[i]!;
    if (x.id !== y.id || x.data !== y.data) return false;
    if (x.position !== y.position && (x.position.x !== y.position.x || x.position.y !== y.position.y))
      return false;
  }
  for (let i = 0; i < ae.length; i++) {
    const x = ae[i]!;
    const y = be[i]!;
    if (x.id !== y.id || x.source !== y.source || x.target !== y.target || x.sourceHandle !== y.sourceHandle)
      return false;
  }
  return true;
}
