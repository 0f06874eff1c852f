import type { BinaryTuple } from './copy-binary';

/**
 * A column stored as one code per slot into a dictionary of its distinct values (code 0 = missing):
 * a state, a tag list or an attribute object is kept once however many customers share it, and a
 * condition on the column is decided once per distinct value (`evaluate.ts`).
 */
export class CodedColumn<T> {
  codes = new Uint32Array(0);
  readonly values: (T | null)[] = [null];
  private readonly byKey = new Map<string, number>();

  /** `parse` turns a new value's text into what the column holds (decoded once per distinct value). */
  constructor(private readonly parse: (text: string) => T) {}

  valueAt(slot: number): T | null {
    return this.values[this.codes[slot]!]!;
  }

  /** Sets the slot from a field of a binary tuple (looked up by its raw bytes: no decoding when known). */
  setFrom(slot: number, tuple: BinaryTuple, field: number): void {
    if (tuple.isNull(field)) {
      this.codes[slot] = 0;
      return;
    }
    const key = tuple.key(field);
    let code = this.byKey.get(key);
    if (code === undefined) code = this.add(key, this.parse(tuple.text(field)!));
    this.codes[slot] = code;
  }

  /** Sets the slot to a value computed elsewhere (its text is the key). */
  setText(slot: number, text: string | null): void {
    if (text === null) {
      this.codes[slot] = 0;
      return;
    }
    const key = `t${text}`;
    this.codes[slot] = this.byKey.get(key) ?? this.add(key, this.parse(text));
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
