import type { CanvasSliceCreator } from '../canvas-store';

/** A save the server refused because someone else saved first. */
export interface SaveConflict {
  message: string;
}

/** The workflow document around the graph: identity, name, revision and save bookkeeping. */
export interface DocumentSlice {
  workflowId: string;
  name: string;
  revision: number;
  /** `changeCount` and name at the last successful save; differs from now when dirty. */
  savedChangeCount: number;
  savedName: string;
  conflict: SaveConflict | null;
  setName: (name: string) => void;
  markSaved: (revision: number, changeCount: number, name: string) => void;
  setConflict: (conflict: SaveConflict | null) => void;
}

/** Builds the document slice from the workflow as loaded. */
export const createDocumentSlice =
  (init: { workflowId: string; name: string; revision: number }): CanvasSliceCreator<DocumentSlice> =>
  (set) => ({
    workflowId: init.workflowId,
    name: init.name,
    revision: init.revision,
    savedChangeCount: 0,
    savedName: init.name,
    conflict: null,
    setName: (name) => set({ name }),
    markSaved: (revision, changeCount, name) =>
      set({ revision, savedChangeCount: changeCount, savedName: name, conflict: null }),
    setConflict: (conflict) => set({ conflict }),
  });
