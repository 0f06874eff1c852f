interface Pending<T> {
  ids: T[];
  resolve: () => void;
  reject: (error: unknown) => void;
}

/** How a batcher sizes its work. */
export interface BatcherLimits {
  /** Most event ids per call of `work` (a single bigger job still goes alone). */
  maxSize: number;
  /** Calls of `work` running at once; jobs arriving meanwhile wait and are merged. */
  maxInFlight: number;
}

/**
 * Coalesces the `apply_event` jobs graphile-worker hands out concurrently (its local queue claims
 * them in batches; each job carries one or more event ids) into calls of `work` of at most
 * `maxSize` ids, at most `maxInFlight` at a time: under load jobs wait for a free slot and go
 * together, so busier means bigger batches and fewer statements per event. Each job's promise
 * settles with its batch. When a batch fails, its events are retried one by one, so one bad event
 * fails only its own job (whose other events are done; the job's retry skips them).
 */
export function createJobBatcher<T = number>(work: (ids: T[]) => Promise<void>, limits: BatcherLimits) {
  const pending: Pending<T>[] = [];
  let scheduled = false;
  let inFlight = 0;

  async function runBatch(batch: Pending<T>[]): Promise<void> {
    try {
      await work(batch.flatMap((p) => p.ids));
      for (const p of batch) p.resolve();
    } catch (error) {
      if (batch.length === 1 && batch[0]!.ids.length === 1) batch[0]!.reject(error);
      else for (const p of batch) await retryAlone(p);
    }
  }

  async function retryAlone(job: Pending<T>): Promise<void> {
    let failure: unknown = null;
    for (const id of job.ids) await work([id]).catch((error: unknown) => (failure ??= error));
    if (failure === null) job.resolve();
    else job.reject(failure);
  }

  function take(): Pending<T>[] {
    let size = 0;
    let n = 0;
    while (n < pending.length && (n === 0 || size + pending[n]!.ids.length <= limits.maxSize)) {
      size += pending[n]!.ids.length;
      n += 1;
    }
    return pending.splice(0, n);
  }

  function flush(): void {
    scheduled = false;
    while (pending.length > 0 && inFlight < limits.maxInFlight) {
      inFlight += 1;
      void runBatch(take()).finally(() => {
        inFlight -= 1;
        flush();
      });
    }
  }

  return {
    /** Queues one job's event row ids (or events); resolves when they have been processed. */
    add(ids: T[]): Promise<void> {
      return new Promise<void>((resolve, reject) => {
        pending.push({ ids, resolve, reject });
        if (!scheduled) {
          scheduled = true;
          setImmediate(flush);
        }
      });
    },
  };
}
