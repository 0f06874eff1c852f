import type pg from 'pg';
import { CustomerColumns } from './customer-columns';
import { applyChanges, loadAll, type Unseen } from './read-facts';

/**
 * One store's customer facts in memory, kept exact: {@link current} first applies every change
 * written since the last read (one indexed query when nothing changed), then hands out the columns.
 */
export class FactsIndex {
  readonly columns = new CustomerColumns();
  /** When the full load took, for the logs and the bench. */
  loadMs = 0;
  lastUsed = Date.now();
  private unseen: Unseen = { xmax: '0', xip: [], generation: null };
  private refreshing: Promise<void> | null = null;
  private queued: Promise<void> | null = null;

  private constructor(
    private readonly pool: pg.Pool,
    readonly storeId: string,
  ) {}

  static async load(pool: pg.Pool, storeId: string): Promise<FactsIndex> {
    const index = new FactsIndex(pool, storeId);
    const started = performance.now();
    index.unseen = await loadAll(pool, storeId, index.columns);
    index.loadMs = performance.now() - started;
    return index;
  }

  /**
   * The columns with every change committed before this call applied. Concurrent callers share
   * refreshes: a caller arriving while one runs waits for the next, which starts after it (the
   * running one's snapshot may predate the caller's own writes).
   */
  async current(): Promise<CustomerColumns> {
    this.lastUsed = Date.now();
    await this.refresh();
    return this.columns;
  }

  private refresh(): Promise<void> {
    if (!this.refreshing) {
      this.refreshing = this.applyOnce().finally(() => {
        this.refreshing = null;
      });
      return this.refreshing;
    }
    this.queued ??= this.refreshing
      .catch(() => {})
      .then(() => {
        this.queued = null;
        return this.refresh();
      });
    return this.queued;
  }

  private async applyOnce(): Promise<void> {
    this.unseen = await applyChanges(this.pool, this.storeId, this.columns, this.unseen);
  }
}
