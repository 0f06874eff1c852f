import type { BinaryTuple } from './copy-binary';
import { KindPostings } from './kind-postings';

/** The purchase keys a `purchase.*` leaf compares (the engine's `purchaseColumn`). */
export type PurchaseKey = 'sku' | 'productId' | 'category' | 'brand';

/**
 * The distinct (sku, product id, category, brand) tuples of a store's order lines, numbered: a line
 * stores one kind number instead of four strings, and a leaf decides once per kind whether it matches.
 */
export class LineKinds {
  readonly values: Record<PurchaseKey, (string | null)[]> = {
    sku: [],
    productId: [],
    category: [],
    brand: [],
  };
  private readonly byKey = new Map<string, number>();

  get count(): number {
    return this.values.sku.length;
  }

  /** The kind of a line whose sku, product id, category and brand are fields `from`..`from + 3`. */
  kindOf(tuple: BinaryTuple, from: number): number {
    const key = tuple.key(from, from + 3);
    let kind = this.byKey.get(key);
    if (kind === undefined) {
      kind = this.count;
      this.byKey.set(key, kind);
      this.values.sku.push(tuple.text(from));
      this.values.productId.push(tuple.text(from + 1));
      this.values.category.push(tuple.text(from + 2));
      this.values.brand.push(tuple.text(from + 3));
    }
    return kind;
  }
}

const CHUNK = 1 << 20;

/**
 * Order lines as read, before they are filed by customer: parallel columns in chunks of 1M lines
 * (no copying as it grows; filing reads them in order).
 */
export class LineBuffer {
  length = 0;
  private chunks: { slot: Int32Array; kind: Int32Array; atMs: Float64Array; quantity: Int32Array }[] = [];

  push(slot: number, kind: number, atMs: number, quantity: number): void {
    const offset = this.length & (CHUNK - 1);
    if (offset === 0) {
      this.chunks.push({
        slot: new Int32Array(CHUNK),
        kind: new Int32Array(CHUNK),
        atMs: new Float64Array(CHUNK),
        quantity: new Int32Array(CHUNK),
      });
    }
    const c = this.chunks[this.chunks.length - 1]!;
    c.slot[offset] = slot;
    c.kind[offset] = kind;
    c.atMs[offset] = atMs;
    c.quantity[offset] = quantity;
    this.length++;
  }

  /** Calls `fn` with each line's columns, in the order pushed. */
  forEach(fn: (slot: number, kind: number, atMs: number, quantity: number) => void): void {
    for (let c = 0; c < this.chunks.length; c++) {
      const chunk = this.chunks[c]!;
      const n = Math.min(CHUNK, this.length - c * CHUNK);
      for (let j = 0; j < n; j++) {
        fn(chunk.slot[j]!, chunk.kind[j]!, chunk.atMs[j]!, chunk.quantity[j]!);
      }
    }
  }
}

function copy<T extends Int32Array | Float64Array>(from: T, to: T): T {
  to.set(from);
  return to;
}

/**
 * Every customer's order lines, contiguous per customer (slot): `start[slot]`, `count[slot]` index
 * the `kind` / `atMs` / `quantity` columns. A customer's lines are replaced whole (a new range at
 * the end; the old one becomes waste, reclaimed by compacting when it outgrows the live lines).
 */
export class PurchaseLines {
  readonly kinds = new LineKinds();
  /** Who bought what, for purchase leaves (`candidates`). */
  postings = new KindPostings();
  start = new Int32Array(0);
  count = new Int32Array(0);
  kind = new Int32Array(0);
  atMs = new Float64Array(0);
  quantity = new Int32Array(0);
  private used = 0;
  private waste = 0;

  /** Files a full load's lines by slot (a counting sort; `slots` = the number of customers). */
  load(buffer: LineBuffer, slots: number): void {
    this.start = new Int32Array(slots);
    this.count = new Int32Array(slots);
    buffer.forEach((slot) => {
      this.count[slot]!++;
    });
    let at = 0;
    for (let s = 0; s < slots; s++) {
      this.start[s] = at;
      at += this.count[s]!;
    }
    this.allocate(buffer.length);
    const next = this.start.slice();
    buffer.forEach((slot, kind, atMs, quantity) => {
      const j = next[slot]!++;
      this.kind[j] = kind;
      this.atMs[j] = atMs;
      this.quantity[j] = quantity;
    });
    this.used = buffer.length;
    this.waste = 0;
    this.postings = new KindPostings();
  }

  /** Replaces the lines of `slots` with the buffer's (a slot absent from the buffer ends with none). */
  replace(slots: Iterable<number>, buffer: LineBuffer, slotCount: number): void {
    this.ensureSlots(slotCount);
    const bySlot = new Map<number, [kind: number, atMs: number, quantity: number][]>();
    for (const s of slots) bySlot.set(s, []);
    buffer.forEach((slot, kind, atMs, quantity) => {
      bySlot.get(slot)?.push([kind, atMs, quantity]);
    });
    const needed = this.used + buffer.length;
    if (needed > this.kind.length) this.reserve(needed);
    for (const [slot, lines] of bySlot) {
      this.postings.touch(slot);
      this.waste += this.count[slot]!;
      this.start[slot] = this.used;
      this.count[slot] = lines.length;
      for (const [kind, atMs, quantity] of lines) {
        this.kind[this.used] = kind;
        this.atMs[this.used] = atMs;
        this.quantity[this.used] = quantity;
        this.used++;
      }
    }
    if (this.waste > 1024 && this.waste > this.used - this.waste) this.compact();
  }

  private ensureSlots(slotCount: number): void {
    if (slotCount <= this.start.length) return;
    const n = Math.max(slotCount, Math.ceil(this.start.length * 1.5));
    this.start = copy(this.start, new Int32Array(n));
    this.count = copy(this.count, new Int32Array(n));
  }

  private allocate(n: number): void {
    this.kind = new Int32Array(n);
    this.atMs = new Float64Array(n);
    this.quantity = new Int32Array(n);
  }

  private reserve(n: number): void {
    const size = Math.max(n, Math.ceil(this.kind.length * 1.5));
    this.kind = copy(this.kind, new Int32Array(size));
    this.atMs = copy(this.atMs, new Float64Array(size));
    this.quantity = copy(this.quantity, new Int32Array(size));
  }

  /** Rewrites the live ranges contiguously, in slot order. */
  private compact(): void {
    const live = this.used - this.waste;
    const kind = new Int32Array(live);
    const atMs = new Float64Array(live);
    const quantity = new Int32Array(live);
    let at = 0;
    for (let s = 0; s < this.start.length; s++) {
      const from = this.start[s]!;
      const n = this.count[s]!;
      kind.set(this.kind.subarray(from, from + n), at);
      atMs.set(this.atMs.subarray(from, from + n), at);
      quantity.set(this.quantity.subarray(from, from + n), at);
      this.start[s] = at;
      at += n;
    }
    this.kind = kind;
    this.atMs = atMs;
    this.quantity = quantity;
    this.used = live;
    this.waste = 0;
  }
}
