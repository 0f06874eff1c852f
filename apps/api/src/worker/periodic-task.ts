/**
 * Runs `task` every `intervalMs` until stopped, one run at a time (a slow run delays the next
 * instead of overlapping it); a failure is logged and the task simply runs again next time. For a
 * worker process's housekeeping: the inline sweep, the path counter fold.
 */
export function startPeriodicTask(
  name: string,
  intervalMs: number,
  task: () => Promise<unknown>,
): { stop(): Promise<void> } {
  let running: Promise<unknown> = Promise.resolve();
  const timer = setInterval(() => {
    running = running.then(() =>
      task().catch((error: unknown) => {
        console.error(`[segflow] ${name} failed (retried next time): ${String(error)}`);
      }),
    );
  }, intervalMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
