/**
 * In-process locks by customer: work on a set of customers waits for earlier work on any of them,
 * so two claimed batches of one worker process never apply and route the same customer's events
 * at the same time (a later event sees what the earlier one's actions changed). All of a call's
 * keys are registered at once, in one synchronous step: a call only ever waits for calls registered
 * before it, so waits form no cycle.
 */
export function createCustomerLocks() {
  const tails = new Map<string, Promise<void>>();
  return {
    async run<T>(keys: Iterable<string>, work: () => Promise<T>): Promise<T> {
      let release!: () => void;
      const done = new Promise<void>((resolve) => {
        release = resolve;
      });
      const unique = [...new Set(keys)];
      const earlier: Promise<void>[] = [];
      for (const key of unique) {
        const tail = tails.get(key);
        if (tail) earlier.push(tail);
        tails.set(key, done);
      }
      try {
        await Promise.all(earlier);
        return await work();
      } finally {
        release();
        for (const key of unique) if (tails.get(key) === done) tails.delete(key);
      }
    },
    /** Keys currently held or awaited (tests). */
    get size(): number {
      return tails.size;
    },
  };
}

/** The locks of one worker process. */
export type CustomerLocks = ReturnType<typeof createCustomerLocks>;
