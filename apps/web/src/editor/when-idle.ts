import { useEffect, useState } from 'react';

/**
 * Runs `task` when the main thread is idle (at the latest after `timeoutMs`); returns a cancel
 * function. Where `requestIdleCallback` is missing (jsdom, older Safari) a short timer stands in.
 */
export function whenIdle(task: () => void, timeoutMs = 1000): () => void {
  if (typeof requestIdleCallback === 'function') {
    const handle = requestIdleCallback(task, { timeout: timeoutMs });
    return () => cancelIdleCallback(handle);
  }
  const handle = setTimeout(task, 50);
  return () => clearTimeout(handle);
}

/**
 * False on the first render, true once the browser has been idle after it: for parts of the
 * editor that are not needed to see and use the canvas (the minimap), so they render after the
 * first interactive frame instead of delaying it.
 */
export function useIdleAfterMount(timeoutMs = 1000): boolean {
  const [isIdle, setIdle] = useState(false);
  useEffect(() => whenIdle(() => setIdle(true), timeoutMs), [timeoutMs]);
  return isIdle;
}
