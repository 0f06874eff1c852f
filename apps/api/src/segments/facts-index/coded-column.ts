import type { BinaryTuple } from './copy-binary';

/**
 * A column stored as one code per slot into a dictionary of its distinct values (code 0 = missing):
 * a state, a tag list or an attribute object is kept once however many customers share it, and a
 * condition on the column is decided once per distinct value (`evaluate.ts`).
 */
export class CodedColumn<T> {
  codes = new Uint32Array(0);
  readonly values: (T | null)[] = [null];
  /** Code by text (a text column's key is its value: the dictionary holds each string once). */
  private readonly byKey = new Map<string, number>();

  /** `parse` turns a new value's text into what the column holds (decoded once per distinct value). */
  constructor(private readonly parse: (text: string) => T) {}

  valueAt(slot: number): T | null {
    return this.values[this.codes[slot]!]!;
  }

  /** Sets the slot from a text field of a binary tuple. */
  setFrom(slot: number, tuple: BinaryTuple, field: number): void {
    this.setText(slot, tuple.text(field));
  }

  /** Sets the slot to the value of this text (parsed only the first time it is seen). */
  setText(slot: number, text: string | null): void {
    if (text === null) {
      this.codes[slot] = 0;
      return;
    }
    this.codes[slot] = this.byKey.get(text) ?? this.add(text, this.parse(text));
  }

  private add(key: string, value: T): number {
    const code = this.values.length;
    this.values.push(value);
    this.byKey.set(key, code);
    return code;
  }

  grow(capacity: number): void {
    const codes = new Uint32Array(capacity);
    codes.set(this.codes);
    this.codes = codes;
  }
}
