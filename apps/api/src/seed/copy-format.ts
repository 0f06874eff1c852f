/** A value COPY text format can carry; arrays become Postgres array literals, objects JSON. */
export type CopyValue = string | number | boolean | null | undefined | Date | string[] | object;

function escapeText(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r');
}

function arrayLiteral(values: string[]): string {
  return `{${values.map((v) => `"${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`).join(',')}}`;
}

/** One COPY text-format line (tab separated, `\N` for null, trailing newline). */
export function copyLine(values: CopyValue[]): string {
  return (
    values
      .map((value) => {
        if (value === null || value === undefined) return '\\N';
        if (value instanceof Date) return value.toISOString();
        if (Array.isArray(value)) return escapeText(arrayLiteral(value));
        if (typeof value === 'object') return escapeText(JSON.stringify(value));
        return escapeText(String(value));
      })
      .join('\t') + '\n'
  );
}
