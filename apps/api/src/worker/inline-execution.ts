import type { StoreEvent } from '@segflow/schema';
import type { InlineHandoff, StoredEvent } from '../routes/events/events.repository';
import { EVENTS_PER_JOB, enqueueApplyJobs } from './apply-event-job';
import { createJobBatcher } from './job-batcher';
import { type LoadedEvent, type PipelineDeps, processLoadedEvents } from './process-event';

/** How much an API process executes inline. */
export interface InlineLimits {
  /** Events waiting or running here at most; over it, ingest leaves new events to the workers. */
  maxQueued: number;
}

const DEFAULT_LIMITS: InlineLimits = { maxQueued: 256 };

/**
 * Inline execution: the process that stored a request's events applies and routes them itself,
 * right after the commit, instead of handing them to a worker through the queue. A worker's way
 * costs an event a job (enqueued with a NOTIFY, fetched, completed), a wait for a slot in the
 * worker's batches, and a second read and parse of the event: most of its latency at a few hundred
 * events per second (`pnpm bench pipeline`). Here the events are handed over as ingest parsed them.
 *
 * The events are stored marked `inline`, with no job. When a batch fails, jobs due now are
 * enqueued for its events, so a worker retries them with its usual attempts and backoff. Should
 * this process die first (or that enqueue fail), the inline sweep (inline-sweep.ts) enqueues them
 * once the grace period has passed. Each event is applied and routed once either way, by the same
 * guarantees as a worker's retry (event row locks, gate rows, run and ledger keys). Over
 * `maxQueued` events here, ingest gives new events their jobs at once, so a burst never queues up
 * in an API process.
 */
export function createInlineExecution(
  deps: PipelineDeps,
  limits: Partial<InlineLimits> = {},
): InlineHandoff & { close(): Promise<void> } {
  const { maxQueued } = { ...DEFAULT_LIMITS, ...limits };
  // Two batches side by side, as a worker runs them: at 500 events/s p50 was 73-78 ms with two,
  // 91-112 ms with four (smaller batches, more statements per event), 296-328 ms with one.
  const batcher = createJobBatcher<LoadedEvent>((events) => processLoadedEvents(deps, events), {
    maxSize: 2 * EVENTS_PER_JOB,
    maxInFlight: 2,
  });
  let queued = 0;
  let closed = false;
  let drained: (() => void) | null = null;
  const release = (n: number) => {
    queued -= n;
    if (queued === 0) drained?.();
  };
  const retryOnWorkers = (events: StoredEvent[]) =>
    enqueueApplyJobs(
      deps.pool,
      events.map((e) => e.rowId),
    ).catch((error: unknown) => {
      console.error(
        `[segflow] inline execution: enqueueing failed events (the sweep will): ${String(error)}`,
      );
    });
  return {
    reserve(n: number): boolean {
      if (closed || queued + n > maxQueued) return false;
      queued += n;
      return true;
    },
    hand(reserved: number, events: StoredEvent[]): void {
      if (events.length === 0) {
        release(reserved);
        return;
      }
      void batcher
        .add(events.map(loaded))
        .catch(() => retryOnWorkers(events))
        .finally(() => release(reserved));
    },
    /** Takes no more events and waits (at most 5 s) for those taken; the sweep covers the rest. */
    async close(): Promise<void> {
      closed = true;
      if (queued > 0)
        await new Promise<void>((resolve) => {
          drained = resolve;
          setTimeout(resolve, 5_000).unref();
        });
    },
  };
}

/** A just-stored event as the pipeline takes it: parsed by ingest, not yet routed. */
function loaded({ rowId, storeId, event, depth, timeZone }: StoredEvent): LoadedEvent {
  return {
    row: {
      id: String(rowId),
      store_id: storeId,
      type: event.type,
      payload: event,
      depth,
      time_zone: timeZone,
      routed: false,
    },
    event: event as unknown as StoreEvent,
  };
}
