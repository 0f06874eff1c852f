import { useEffect } from 'react';
import { useCanvasStoreApi } from './canvas-store';
import { flowToGraph } from './flow-mapping';
import { whenIdle } from './when-idle';

/**
 * The validator and its zod schemas are a chunk of their own: building the schemas costs tens of
 * ms and the editor's first paint does not need them, so they load when the first run is due.
 */
const loadValidator = () => import('../workflows/graph').then((m) => m.validateWorkflow);

/**
 * Runs the shared `validateWorkflow` (the API's own) after graph changes, debounced. It listens to
 * the store directly, so a drag does not re-render the editor frame by frame. The first run waits
 * until the browser is idle after the editor has painted: badges appear a moment after the cards
 * rather than delaying them (it costs tens of ms on a 300-node graph, plus loading the validator).
 */
export function useValidation(delayMs = 200) {
  const store = useCanvasStoreApi();
  useEffect(() => {
    let isLive = true;
    const run = () => {
      void loadValidator().then((validateWorkflow) => {
        if (!isLive) return;
        const { nodes, edges, setIssues } = store.getState();
        setIssues(validateWorkflow(flowToGraph(nodes, edges)));
      });
    };
    const cancelFirst = whenIdle(run);
    let timer: ReturnType<typeof setTimeout> | undefined;
    const unsubscribe = store.subscribe((state, previous) => {
      if (state.changeCount === previous.changeCount) return;
      clearTimeout(timer);
      timer = setTimeout(run, delayMs);
    });
    return () => {
      isLive = false;
      cancelFirst();
      unsubscribe();
      clearTimeout(timer);
    };
  }, [store, delayMs]);
}
