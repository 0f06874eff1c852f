interface Pending {
  id: number;
  resolve: () => void;
  reject: (error: unknown) => void;
}

/**
 * Coalesces the `apply_event` jobs graphile-worker hands out concurrently (its local queue claims
 * them in batches) into one call of `work` per batch: ids added in the same turn of the event loop
 * go together, at most `maxSize` at a time. Each job's promise settles with its batch. When a batch
 * fails, its jobs are retried one by one, so one bad event fails only its own job.
 */
export function createJobBatcher(work: (ids: number[]) => Promise<void>, maxSize: number) {
  const pending: Pending[] = [];
  let scheduled = false;

  async function runBatch(batch: Pending[]): Promise<void> {
    try {
      await work(batch.map((p) => p.id));
      for (const p of batch) p.resolve();
    } catch (error) {
      if (batch.length === 1) {
        batch[0]!.reject(error);
        return;
      }
      for (const p of batch) {
        await work([p.id]).then(p.resolve, p.reject);
      }
    }
  }

  function flush(): void {
    scheduled = false;
    while (pending.length > 0) void runBatch(pending.splice(0, maxSize));
  }

  return {
    /** Queues one event row id; resolves when its batch has been processed. */
    add(id: number): Promise<void> {
      return new Promise<void>((resolve, reject) => {
        pending.push({ id, resolve, reject });
        if (!scheduled) {
          scheduled = true;
          setImmediate(flush);
        }
      });
    },
  };
}
