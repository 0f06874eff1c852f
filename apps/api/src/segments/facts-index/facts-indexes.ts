import type pg from 'pg';
import { FactsIndex } from './facts-index';

/** How the app keeps its per-store indexes. */
export interface FactsIndexOptions {
  /** Stores with more customers are answered by SQL alone (memory: ~0.3 KB per customer plus 16 B per order line). */
  maxCustomers?: number;
  /** An index unused this long is dropped (its memory freed); the next preview builds it again. */
  idleMs?: number;
  log?: (message: string) => void;
}

type Entry =
  | { state: 'building'; done: Promise<FactsIndex | null> }
  | { state: 'ready'; index: FactsIndex }
  | { state: 'skipped' };

/**
 * The API process's in-memory segment indexes, one per store, built on a store's first preview in
 * the background: until it is ready (seconds at a million customers) previews run in SQL, so no
 * request waits for a build. A store too big for memory, or whose build failed, stays on SQL; a
 * failed build is retried on a later preview. Worker processes never build one.
 */
export class FactsIndexes {
  private readonly entries = new Map<string, Entry>();
  private readonly maxCustomers: number;
  private readonly idleMs: number;

  constructor(
    private readonly pool: pg.Pool,
    private readonly options: FactsIndexOptions = {},
  ) {
    this.maxCustomers = options.maxCustomers ?? 3_000_000;
    this.idleMs = options.idleMs ?? 30 * 60_000;
  }

  /** The store's index when it is ready (its build started otherwise), null meanwhile. */
  ready(storeId: string): FactsIndex | null {
    this.dropIdle();
    const entry = this.entries.get(storeId);
    if (entry?.state === 'ready') return entry.index;
    if (!entry) this.build(storeId);
    return null;
  }

  /** Waits for the store's index (building it if needed); null when the store is answered by SQL. */
  async whenReady(storeId: string): Promise<FactsIndex | null> {
    const entry = this.entries.get(storeId) ?? this.build(storeId);
    if (entry.state === 'ready') return entry.index;
    return entry.state === 'building' ? entry.done : null;
  }

  private build(storeId: string): Entry {
    const done = this.loadIfSmall(storeId).then(
      (index) => {
        this.entries.set(storeId, index ? { state: 'ready', index } : { state: 'skipped' });
        if (index)
          this.options.log?.(
            `segment index for store ${storeId}: ${index.columns.size} customers in ${Math.round(index.loadMs)} ms`,
          );
        return index;
      },
      (error: unknown) => {
        this.entries.delete(storeId);
        this.options.log?.(`segment index for store ${storeId} failed: ${String(error)}`);
        return null;
      },
    );
    const entry: Entry = { state: 'building', done };
    this.entries.set(storeId, entry);
    return entry;
  }

  private async loadIfSmall(storeId: string): Promise<FactsIndex | null> {
    const { rows } = await this.pool.query<{ n: string }>(
      'SELECT count(*) AS n FROM customers WHERE store_id = $1',
      [storeId],
    );
    if (Number(rows[0]!.n) > this.maxCustomers) return null;
    return FactsIndex.load(this.pool, storeId);
  }

  /** Forgets the store's index (it went stale); the next preview builds a new one. */
  drop(storeId: string): void {
    if (this.entries.get(storeId)?.state === 'ready') this.entries.delete(storeId);
  }

  private dropIdle(): void {
    const before = Date.now() - this.idleMs;
    for (const [storeId, entry] of this.entries) {
      if (entry.state === 'ready' && entry.index.lastUsed < before) this.entries.delete(storeId);
    }
  }
}
