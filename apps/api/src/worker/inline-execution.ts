import type pg from 'pg';
import type { StoreEvent } from '@segflow/schema';
import type { InlineHandoff, StoredEvent } from '../routes/events/events.repository';
import { EVENTS_PER_JOB } from './apply-event-job';
import { createJobBatcher } from './job-batcher';
import { type LoadedEvent, type PipelineDeps, processLoadedEvents } from './process-event';

/** How much an API process executes inline. */
export interface InlineLimits {
  /** How long a handed-over event's job waits before a worker may take it (the safety net). */
  graceSeconds: number;
  /** Events waiting or running here at most; over it, ingest leaves new events to the workers. */
  maxQueued: number;
}

const DEFAULT_LIMITS: InlineLimits = { graceSeconds: 10, maxQueued: 256 };

/**
 * Inline execution: the process that stored a request's events applies and routes them itself,
 * right after the commit, instead of handing them to a worker through the queue. A worker's way
 * costs an event a NOTIFY, a job fetch, a wait for a slot in the worker's batches, a second read
 * and parse of the event and a job completion: most of its latency at a few hundred events per
 * second (`pnpm bench pipeline`). Here the events are handed over as ingest parsed them.
 *
 * The events' job is still enqueued by the insert, with its `run_at` pushed back by the grace
 * period: it is the safety net. Once the events are done the job is completed (deleted, unless a
 * worker holds it); when they fail it is rescheduled to now, so a worker retries them with its
 * usual attempts and backoff; should this process die first, a worker takes the job when the grace
 * period ends. Each event is applied and routed once either way, by the same guarantees as a
 * worker's retry (event row locks, gate rows, run and ledger keys). Over `maxQueued` events here,
 * ingest hands new events to the workers at once, so a burst never queues up in an API process.
 */
export function createInlineExecution(
  deps: PipelineDeps,
  limits: Partial<InlineLimits> = {},
): InlineHandoff & { close(): Promise<void> } {
  const { graceSeconds, maxQueued } = { ...DEFAULT_LIMITS, ...limits };
  // Two batches side by side, as a worker runs them: at 500 events/s p50 was 73-78 ms with two,
  // 91-112 ms with four (smaller batches, more statements per event), 296-328 ms with one.
  const batcher = createJobBatcher<LoadedEvent>((events) => processLoadedEvents(deps, events), {
    maxSize: 2 * EVENTS_PER_JOB,
    maxInFlight: 2,
  });
  const jobs = createJobSettler(deps.pool);
  let queued = 0;
  let closed = false;
  let drained: (() => void) | null = null;
  const release = (n: number) => {
    queued -= n;
    if (queued === 0) drained?.();
  };
  return {
    graceSeconds,
    reserve(n: number): boolean {
      if (closed || queued + n > maxQueued) return false;
      queued += n;
      return true;
    },
    hand(reserved: number, events: StoredEvent[], jobIds: number[]): void {
      if (events.length === 0) {
        release(reserved);
        return;
      }
      void batcher
        .add(events.map(loaded))
        .then(
          () => jobs.complete(jobIds),
          () => jobs.retryNow(jobIds),
        )
        .finally(() => release(reserved));
    },
    /** Takes no more events and waits (at most 5 s) for those taken; their jobs cover the rest. */
    async close(): Promise<void> {
      closed = true;
      if (queued > 0)
        await new Promise<void>((resolve) => {
          drained = resolve;
          setTimeout(resolve, 5_000).unref();
        });
      await jobs.settled();
    },
  };
}

/**
 * Completes or reschedules the safety-net jobs, coalesced: the ids settled in one turn of the event
 * loop go in one statement each way. On the synchronous pool: the completion's commit also flushes
 * what the pipeline wrote before it with asynchronous commits (async-commit-pool.ts). A failure is
 * left alone: the job then simply runs on a worker after its grace period, and finds its events done.
 */
function createJobSettler(pool: pg.Pool) {
  const pending = { complete: [] as number[], retry: [] as number[] };
  const inFlight = new Set<Promise<unknown>>();
  let scheduled = false;
  const send = (text: string, ids: number[]) => {
    if (ids.length === 0) return;
    const sent = pool.query(text, [ids]).catch(() => {});
    inFlight.add(sent);
    void sent.finally(() => inFlight.delete(sent));
  };
  const flush = () => {
    scheduled = false;
    const { complete, retry } = pending;
    pending.complete = [];
    pending.retry = [];
    send('SELECT graphile_worker.complete_jobs($1::bigint[])', complete);
    send('SELECT graphile_worker.reschedule_jobs($1::bigint[], run_at := now())', retry);
  };
  const add = (list: number[], ids: number[]) => {
    list.push(...ids);
    if (!scheduled) {
      scheduled = true;
      setImmediate(flush);
    }
  };
  return {
    complete: (ids: number[]) => add(pending.complete, ids),
    retryNow: (ids: number[]) => add(pending.retry, ids),
    /** Resolves once what was settled so far has been sent and answered. */
    async settled(): Promise<void> {
      if (scheduled) flush();
      await Promise.all(inFlight);
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
