/**
 * For each line kind, the slots of the customers with a line of that kind (a customer appears once
 * per such line): a purchase leaf tests only the customers who bought one of its kinds instead of
 * scanning every customer's lines. Built from the line columns on first use; customers whose lines
 * change afterwards are kept aside as "dirty" and always tested, until there are enough of them
 * to rebuild.
 */
export class KindPostings {
  private start: Int32Array | null = null;
  private slots = new Int32Array(0);
  private readonly dirty = new Set<number>();

  /** A customer's lines were replaced. */
  touch(slot: number): void {
    this.dirty.add(slot);
    if (this.dirty.size > 65_536) {
      this.start = null;
      this.dirty.clear();
    }
  }

  /**
   * One byte per slot: 1 for every customer that may have a line of a kind in `kinds` (exactly those
   * with one, plus dirty customers). Anyone else has no such line.
   */
  candidates(
    kinds: Uint8Array,
    lines: { start: Int32Array; count: Int32Array; kind: Int32Array },
    slotCount: number,
  ): Uint8Array {
    if (!this.start) this.build(lines, kinds.length);
    const start = this.start!;
    const marked = new Uint8Array(slotCount);
    for (let k = 0; k < kinds.length; k++) {
      if (kinds[k] === 0 || k + 1 >= start.length) continue;
      for (let p = start[k]!; p < start[k + 1]!; p++) marked[this.slots[p]!] = 1;
    }
    for (const slot of this.dirty) if (slot < slotCount) marked[slot] = 1;
    // Kinds first seen after the build have no posting list: their customers are all dirty.
    return marked;
  }

  /** A counting sort of every line's slot by kind. */
  private build(lines: { start: Int32Array; count: Int32Array; kind: Int32Array }, kindCount: number): void {
    const start = new Int32Array(kindCount + 1);
    const slotCount = lines.start.length;
    for (let s = 0; s < slotCount; s++) {
      const from = lines.start[s]!;
      for (let j = from; j < from + lines.count[s]!; j++) start[lines.kind[j]! + 1]!++;
    }
    for (let k = 0; k < kindCount; k++) start[k + 1]! += start[k]!;
    const next = start.slice(0, kindCount);
    const slots = new Int32Array(start[kindCount]!);
    for (let s = 0; s < slotCount; s++) {
      const from = lines.start[s]!;
      for (let j = from; j < from + lines.count[s]!; j++) slots[next[lines.kind[j]!]!++] = s;
    }
    this.start = start;
    this.slots = slots;
    this.dirty.clear();
  }
}
