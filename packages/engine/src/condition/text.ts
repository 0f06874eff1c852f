import type { CustomerFacts, EvalContext } from '../facts';
import { fieldAccess } from './resolve';

/**
 * ASCII-only case folding. Locale-free on purpose: JS `toLowerCase` and Postgres `lower()` disagree
 * on some Unicode letters, and the JS predicate must equal the SQL exactly. The fields folded
 * (email, domain, state, country) are ASCII in practice.
 */
export function foldAscii(value: string): string {
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code >= 65 && code <= 90) return value.replace(/[A-Z]+/g, (s) => s.toLowerCase());
  }
  return value;
}

/**
 * Where a string field's value sits, without allocating: the whole raw text from 0, or for the email
 * domain the email from after its last `@`. `start` is -1 when the region is empty (missing).
 */
export interface TextRegion {
  text: (facts: CustomerFacts, ctx: EvalContext) => string | null;
  start: (text: string) => number;
}

const whole = (s: string) => (s.length === 0 ? -1 : 0);
const afterAt = (s: string) => {
  const at = s.lastIndexOf('@');
  return at < 0 || at === s.length - 1 ? -1 : at + 1;
};

/** The {@link TextRegion} of a string field id (raw, unfolded: folding happens in the comparison). */
export function textRegion(field: string): TextRegion {
  if (field === 'customer.emailDomain') return { text: (f) => f.email, start: afterAt };
  const read = fieldAccess(field).js as (f: CustomerFacts, c: EvalContext) => string | null;
  if (field === 'customer.email' || field === 'customer.state' || field === 'customer.country') {
    const key = field.slice('customer.'.length) as 'email' | 'state' | 'country';
    return { text: (f) => f[key], start: whole };
  }
  return { text: read, start: whole };
}

/**
 * The SQL twin of {@link foldAscii}. Under the "C" collation Postgres `lower()` maps ASCII A-Z
 * byte by byte and nothing else (UTF-8 multibyte bytes are all >= 0x80), exactly like
 * `translate(x, 'A…Z', 'a…z')` but ~10× cheaper per row (measured: 5.4 s → 0.5 s over 1M emails).
 */
export function foldAsciiSql(expression: string): string {
  return `lower((${expression}) COLLATE "C")`;
}

/** Empty text counts as missing, in JS as in SQL (`NULLIF(x, '')`). */
export function textOrNull(value: string | null | undefined): string | null {
  return value === undefined || value === null || value === '' ? null : value;
}

/** The part of an email after its last `@`; null without `@` or when empty. */
export function emailDomain(email: string | null): string | null {
  if (email === null) return null;
  const at = email.lastIndexOf('@');
  return at < 0 ? null : textOrNull(email.slice(at + 1));
}
