import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { type CopyValue, copyLine } from './copy-format';

/** Streams rows into `table (columns)` with COPY FROM STDIN in text format. */
export async function copyRows(
  client: pg.PoolClient,
  table: string,
  columns: string[],
  rows: CopyValue[][],
): Promise<void> {
  if (rows.length === 0) return;
  const stream = client.query(copyFrom(`COPY ${table} (${columns.join(', ')}) FROM STDIN`));
  const chunks: string[] = [];
  for (let i = 0; i < rows.length; i += 500) {
    chunks.push(
      rows
        .slice(i, i + 500)
        .map((row) => copyLine(row))
        .join(''),
    );
  }
  await pipeline(Readable.from(chunks), stream);
}
