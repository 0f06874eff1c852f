import { useEffect } from 'react';
import { validateWorkflow } from '../workflows/graph';
import { useCanvasStore, useCanvasStoreApi } from './canvas-store';
import { flowToGraph } from './flow-mapping';

/** Runs the shared `validateWorkflow` (the API's own) on every graph change, debounced. */
export function useValidation(delayMs = 200) {
  const store = useCanvasStoreApi();
  const changeCount = useCanvasStore((s) => s.changeCount);
  useEffect(() => {
    const run = () => {
      const { nodes, edges, setIssues } = store.getState();
      setIssues(validateWorkflow(flowToGraph(nodes, edges)));
    };
    // The first run is immediate so badges show as soon as the editor opens.
    if (changeCount === 0) {
      run();
      return;
    }
    const timer = setTimeout(run, delayMs);
    return () => clearTimeout(timer);
  }, [store, changeCount, delayMs]);
}
