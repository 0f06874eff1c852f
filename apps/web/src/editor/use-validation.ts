import { useEffect } from 'react';
import { validateWorkflow } from '../workflows/graph';
import { useCanvasStoreApi } from './canvas-store';
import { flowToGraph } from './flow-mapping';

/**
 * Runs the shared `validateWorkflow` (the API's own) after graph changes, debounced. It listens to
 * the store directly, so a drag does not re-render the editor frame by frame. The first run waits
 * until the browser is idle after the editor has painted: badges appear a moment after the cards
 * rather than delaying them (it costs tens of ms on a 300-node graph).
 */
export function useValidation(delayMs = 200) {
  const store = useCanvasStoreApi();
  useEffect(() => {
    const run = () => {
      const { nodes, edges, setIssues } = store.getState();
      setIssues(validateWorkflow(flowToGraph(nodes, edges)));
    };
    const cancelFirst = whenIdle(run);
    let timer: ReturnType<typeof setTimeout> | undefined;
    const unsubscribe = store.subscribe((state, previous) => {
      if (state.changeCount === previous.changeCount) return;
      clearTimeout(timer);
      timer = setTimeout(run, delayMs);
    });
    return () => {
      cancelFirst();
      unsubscribe();
      clearTimeout(timer);
    };
  }, [store, delayMs]);
}

/** Runs `task` when the main thread is idle (at the latest after 1 s); returns a cancel function. */
function whenIdle(task: () => void): () => void {
  if (typeof requestIdleCallback === 'function') {
    const handle = requestIdleCallback(task, { timeout: 1000 });
    return () => cancelIdleCallback(handle);
  }
  const handle = setTimeout(task, 50);
  return () => clearTimeout(handle);
}
