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

/** The SQL twin of {@link foldAscii}. */
export function foldAsciiSql(expression: string): string {
  return `translate(${expression}, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz')`;
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
