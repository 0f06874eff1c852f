import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError, isApiError } from '../api/client';
import type { ValidationIssue } from '../workflows/graph';
import { workflowsMutations, workflowsQueries } from '../workflows/workflows-queries';
import { useCanvasStore, useCanvasStoreApi } from './canvas-store';
import { flowToGraph } from './flow-mapping';
import { selectIsDirty } from './selectors';

/** Save status for the header. */
export type SaveStatus = 'idle' | 'saving' | 'saved' | 'error';

/** How long the graph must stay unchanged before an autosave. */
export const AUTOSAVE_DELAY_MS = 1500;

/**
 * Saving the draft through the save mutation: one save at a time (queued), autosave after edits,
 * a 409 recorded as a conflict (local changes kept) with `reload` and `overwrite` to resolve it,
 * and `publish` which saves first.
 */
export function useWorkflowSync(storeId: string, options: { autosave: boolean }) {
  const store = useCanvasStoreApi();
  const client = useQueryClient();
  const workflowId = store.getState().workflowId;
  const saveMutation = useMutation(workflowsMutations.save(storeId, workflowId, client));
  const publishMutation = useMutation(workflowsMutations.publish(storeId, workflowId, client));
  const [status, setStatus] = useState<SaveStatus>('idle');
  const [error, setError] = useState<unknown>(null);
  const queue = useRef<Promise<boolean>>(Promise.resolve(true));
  const dirty = useCanvasStore(selectIsDirty);

  const saveNow = useCallback(async (): Promise<boolean> => {
    const state = store.getState();
    if (state.conflict) return false;
    if (!selectIsDirty(state)) return true;
    const { changeCount: atSave, name: nameAtSave } = state;
    setStatus('saving');
    try {
      const graph = flowToGraph(state.nodes, state.edges);
      const saved = await saveMutation.mutateAsync({
        name: nameAtSave.trim() || 'Untitled workflow',
        graph,
        revision: state.revision,
      });
      store.getState().markSaved(saved.revision, atSave, nameAtSave);
      setStatus('saved');
      setError(null);
      return true;
    } catch (e) {
      if (isApiError(e, 409)) store.getState().setConflict({ message: e.message });
      setStatus('error');
      setError(e);
      return false;
    }
  }, [store, saveMutation]);

  /** Saves after any save already running; resolves true when the draft is on the server. */
  const save = useCallback(() => {
    queue.current = queue.current.then(saveNow, saveNow);
    return queue.current;
  }, [saveNow]);

  const fetchLatest = useCallback(
    () => client.fetchQuery({ ...workflowsQueries.detail(storeId, workflowId), staleTime: 0 }),
    [client, storeId, workflowId],
  );

  /** Drops local changes and loads what the server has. */
  const reload = useCallback(async () => {
    const latest = await fetchLatest();
    const s = store.getState();
    s.replaceGraph(latest.graph);
    s.setName(latest.name);
    const after = store.getState().changeCount;
    store.getState().markSaved(latest.revision, after, latest.name);
    store.getState().clearHistory();
    setStatus('idle');
  }, [fetchLatest, store]);

  /** Keeps local changes and saves them over the newer server version. */
  const overwrite = useCallback(async () => {
    const latest = await fetchLatest();
    store.setState({ revision: latest.revision, conflict: null, savedChangeCount: -1 });
    return save();
  }, [fetchLatest, store, save]);

  /** Saves if needed, then publishes the draft as a new version. */
  const publish = useCallback(
    async (note?: string) => {
      if (!(await save())) return false;
      try {
        await publishMutation.mutateAsync(note ? { note } : {});
        return true;
      } catch (e) {
        if (e instanceof ApiError && e.issues.length > 0)
          store.getState().setIssues(e.issues as ValidationIssue[]);
        return false;
      }
    },
    [save, publishMutation, store],
  );

  // Autosave: a quiet moment after the last edit. Listens to the store directly (no re-render per edit).
  const saveRef = useRef(save);
  saveRef.current = save;
  useEffect(() => {
    if (!options.autosave) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const unsubscribe = store.subscribe((state, previous) => {
      if (state.changeCount === previous.changeCount && state.name === previous.name) return;
      clearTimeout(timer);
      timer = setTimeout(() => {
        const now = store.getState();
        if (selectIsDirty(now) && !now.conflict) void saveRef.current();
      }, AUTOSAVE_DELAY_MS);
    });
    return () => {
      unsubscribe();
      clearTimeout(timer);
    };
  }, [store, options.autosave]);

  // Leaving the editor inside the app saves what is pending (autosave may not have fired yet).
  useEffect(() => () => void saveRef.current(), []);

  // Leaving with unsaved changes warns (the browser shows its own prompt).
  useEffect(() => {
    if (!dirty) return;
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);

  return {
    save,
    reload,
    overwrite,
    publish,
    status,
    error,
    dirty,
    isPublishing: publishMutation.isPending,
    publishError: publishMutation.error,
  };
}
