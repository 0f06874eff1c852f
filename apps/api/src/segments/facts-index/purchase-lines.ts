import type { BinaryTuple } from './copy-binary';

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

/** Order lines as read, before they are filed by customer: parallel growable columns. */
export class LineBuffer {
  length = 0;
  slot = new Int32Array(1024);
  kind = new Int32Array(1024);
  atMs = new Float64Array(1024);
  quantity = new Int32Array(1024);

  push(slot: number, kind: number, atMs: number, quantity: number): void {
    if (this.length === this.slot.length) this.grow();
    const i = this.length++;
    this.slot[i] = slot;
    this.kind[i] = kind;
    this.atMs[i] = atMs;
    this.quantity[i] = quantity;
  }

  private grow(): void {
    const n = this.slot.length * 2;
    this.slot = copy(this.slot, new Int32Array(n));
    this.kind = copy(this.kind, new Int32Array(n));
    this.atMs = copy(this.atMs, new Float64Array(n));
    this.quantity = copy(this.quantity, new Int32Array(n));
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
    for (let i = 0; i < buffer.length; i++) this.count[buffer.slot[i]!]!++;
    let at = 0;
    for (let s = 0; s < slots; s++) {
      this.start[s] = at;
      at += this.count[s]!;
    }
    this.allocate(buffer.length);
    const next = this.start.slice();
    for (let i = 0; i < buffer.length; i++) {
      const j = next[buffer.slot[i]!]!++;
      this.kind[j] = buffer.kind[i]!;
      this.atMs[j] = buffer.atMs[i]!;
      this.quantity[j] = buffer.quantity[i]!;
    }
    this.used = buffer.length;
    this.waste = 0;
  }

  /** Replaces the lines of `slots` with the buffer's (a slot absent from the buffer ends with none). */
  replace(slots: Iterable<number>, buffer: LineBuffer, slotCount: number): void {
    this.ensureSlots(slotCount);
    const bySlot = new Map<number, number[]>();
    for (const s of slots) bySlot.set(s, []);
    for (let i = 0; i < buffer.length; i++) bySlot.get(buffer.slot[i]!)?.push(i);
    const needed = this.used + buffer.length;
    if (needed > this.kind.length) this.reserve(needed);
    for (const [slot, rows] of bySlot) {
      this.waste += this.count[slot]!;
      this.start[slot] = this.used;
      this.count[slot] = rows.length;
      for (const i of rows) {
        this.kind[this.used] = buffer.kind[i]!;
        this.atMs[this.used] = buffer.atMs[i]!;
        this.quantity[this.used] = buffer.quantity[i]!;
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
