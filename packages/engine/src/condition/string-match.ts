import type { Operator } from '@segflow/schema';

/**
 * Allocation-free string tests on `s` from index `start` (an email's domain starts after its `@`).
 * With `fold`, ASCII letters compare case-insensitively and `x` must already be folded; this is
 * exactly `foldAscii(s.slice(start))` followed by the plain test, the semantics the SQL uses.
 */
export type StringTest = (s: string, start: number) => boolean;

const lower = (code: number) => (code >= 65 && code <= 90 ? code + 32 : code);

function regionEquals(s: string, at: number, x: string, fold: boolean): boolean {
  if (!fold) return s.startsWith(x, at);
  for (let i = 0; i < x.length; i++) if (lower(s.charCodeAt(at + i)) !== x.charCodeAt(i)) return false;
  return true;
}

function equals(s: string, start: number, x: string, fold: boolean): boolean {
  return s.length - start === x.length && regionEquals(s, start, x, fold);
}

function includes(s: string, start: number, x: string, fold: boolean): boolean {
  if (!fold) return s.indexOf(x, start) >= 0;
  for (let at = start; at + x.length <= s.length; at++) if (regionEquals(s, at, x, true)) return true;
  return false;
}

/** Compiles one string operator against a constant (already folded when `fold`). */
export function stringTest(op: Operator, x: string, fold: boolean): StringTest {
  switch (op) {
    case 'eq':
      return fold
        ? (s, start) => equals(s, start, x, true)
        : (s, start) => (start === 0 ? s === x : equals(s, start, x, false));
    case 'neq':
      return (s, start) => !equals(s, start, x, fold);
    case 'contains':
      return (s, start) => includes(s, start, x, fold);
    case 'not_contains':
      return (s, start) => !includes(s, start, x, fold);
    case 'starts_with':
      return (s, start) => s.length - start >= x.length && regionEquals(s, start, x, fold);
    case 'ends_with':
      return (s, start) => s.length - start >= x.length && regionEquals(s, s.length - x.length, x, fold);
  }
  throw new Error(`compileCondition: "${op}" on a string field`);
}

/** `in` / `not_in` against a list: a Set lookup on plain fields, a scan of folded values otherwise. */
export function listTest(values: readonly string[], fold: boolean, inList: boolean): StringTest {
  if (!fold) {
    const set = new Set(values);
    return (s, start) => set.has(start === 0 ? s : s.slice(start)) === inList;
  }
  return (s, start) => {
    for (let i = 0; i < values.length; i++) if (equals(s, start, values[i]!, true)) return inList;
    return !inList;
  };
}
