/**
 * Splits one CSV line (RFC 4180 quoting: `"a, b"`, `""` for a quote). Returns null for an
 * unterminated quote (a field spanning lines is not supported: the line is rejected, not guessed).
 */
export function splitCsvLine(line: string): string[] | null {
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"' && field === '') quoted = true;
    else if (ch === ',') {
      fields.push(field);
      field = '';
    } else field += ch;
  }
  if (quoted) return null;
  fields.push(field);
  return fields;
}

/** `first_name`, `First Name`, `firstName` → `firstName` (headers and NDJSON keys alike). */
export function camelKey(key: string): string {
  const parts = key
    .trim()
    .split(/[\s_-]+/)
    .filter(Boolean);
  return parts
    .map((p, i) =>
      i === 0 ? p.charAt(0).toLowerCase() + p.slice(1) : p.charAt(0).toUpperCase() + p.slice(1),
    )
    .join('');
}
