import { useEffect } from 'react';
import { validateWorkflow } from '../workflows/graph';
import { useCanvasStoreApi } from './canvas-store';
import { flowToGraph } from './flow-mapping';

/**
 * Runs the shared `validateWorkflow` (the API's own) after graph changes, debounced. It listens to
 * the store directly, so a drag does not re-render the editor frame by frame.
 */
export function useValidation(delayMs = 200) {
  const store = useCanvasStoreApi();
  useEffect(() => {
    const run = () => {
      const { nodes, edges, setIssues } = store.getState();
      setIssues(validateWorkflow(flowToGraph(nodes, edges)));
    };
    run();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const unsubscribe = store.subscribe((state, previous) => {
      if (state.changeCount === previous.changeCount) return;
      clearTimeout(timer);
      timer = setTimeout(run, delayMs);
    });
    return () => {
      unsubscribe();
      clearTimeout(timer);
    };
  }, [store, delayMs]);
}
