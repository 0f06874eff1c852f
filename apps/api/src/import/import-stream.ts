import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { and, eq } from 'drizzle-orm';
import type pg from 'pg';
import { AppError } from '../errors';
import { createDb } from '../db/client';
import { customers } from '../db/schema/index';
import { drizzleExecutor } from '../db/named-statement';
import { upsertCustomer } from '../worker/apply-customer';
import { ensureStats, upsertOrder } from '../worker/apply-order';
import { upsertCustomerChunk } from './bulk-customers';
import { splitCsvLine } from './csv-line';
import { type ImportRecord, RejectedLine, toCustomer, toOrder } from './import-records';

/** What to import: CSV (header line first) or NDJSON, customers or orders. */
export interface ImportOptions {
  format: 'csv' | 'ndjson';
  kind: 'customers' | 'orders';
  /** Called after each committed chunk (`progressEvery` lines, default 500) with the counts so far. */
  onProgress?: (report: ImportReport) => void;
  progressEvery?: number;
}

/** The outcome: counts and the rejected lines (line number from 1, reason), first 1,000 listed. */
export interface ImportReport {
  lines: number;
  imported: number;
  rejectedCount: number;
  rejected: { line: number; reason: string }[];
}

const MAX_LISTED = 1_000;
const CHUNK = 500;

/**
 * Imports a stream line by line. Each line is validated, then written under its own savepoint
 * (customer upsert; or order + items + stats + coupon redemption) inside a transaction per chunk
 * of lines, so a bad line is reported and leaves nothing half-written, and a chunk costs one
 * commit. Imported history does not trigger workflows.
 */
export async function importStream(
  pool: pg.Pool,
  storeId: string,
  input: Readable,
  options: ImportOptions,
): Promise<ImportReport> {
  const db = createDb(pool);
  const report: ImportReport = { lines: 0, imported: 0, rejectedCount: 0, rejected: [] };
  let header: string[] | null = null;
  let lineNo = 0;
  const reject = (line: number, reason: string) => {
    report.rejectedCount += 1;
    if (report.rejected.length < MAX_LISTED) report.rejected.push({ line, reason });
  };
  let chunk: { line: number; record: ImportRecord }[] = [];
  const flush = async () => {
    if (chunk.length === 0) return;
    const pending = chunk;
    chunk = [];
    if (options.kind === 'customers' && (await tryBulk(pool, storeId, pending)))
      report.imported += pending.length;
    else {
      // One transaction per chunk (one commit), one savepoint per line: a bad line rolls back alone.
      await db.transaction(async (outer) => {
        for (const { line, record } of pending) {
          try {
            await outer.transaction((tx) => writeRecord(tx, storeId, record));
            report.imported += 1;
          } catch (error) {
            const reason = rejectionReason(error);
            if (reason === null) throw error;
            reject(line, reason);
          }
        }
      });
    }
    options.onProgress?.(report);
  };
  for await (const raw of createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY })) {
    lineNo += 1;
    const line = raw.replace(/^\uFEFF/, '');
    if (line.trim() === '') continue;
    if (options.format === 'csv' && !header) {
      header = splitCsvLine(line);
      if (!header) throw new AppError('bad_request', 'line 1: the CSV header is not valid');
      continue;
    }
    report.lines += 1;
    try {
      chunk.push({ line: lineNo, record: toRecord(line, header, options.kind) });
    } catch (error) {
      if (!(error instanceof RejectedLine)) throw error;
      reject(lineNo, error.message);
    }
    if (chunk.length >= (options.progressEvery ?? CHUNK)) await flush();
  }
  await flush();
  report.rejected.sort((a, b) => a.line - b.line);
  return report;
}

/** Writes a chunk of customers set-based in one transaction; false (nothing written) when any line fails. */
async function tryBulk(pool: pg.Pool, storeId: string, chunk: { record: ImportRecord }[]): Promise<boolean> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await upsertCustomerChunk(
      client,
      storeId,
      chunk.flatMap(({ record }) => (record.kind === 'customer' ? [record.customer] : [])),
    );
    await client.query('COMMIT');
    return true;
  } catch {
    await client.query('ROLLBACK').catch(() => {});
    return false;
  } finally {
    client.release();
  }
}

/** A bad line's reason: our validation, or data Postgres refused (22xxx / 23xxx); null for real failures. */
function rejectionReason(error: unknown): string | null {
  if (error instanceof RejectedLine) return error.message;
  for (
    let e = error as { code?: string; message?: string; cause?: unknown } | undefined, i = 0;
    e && i < 4;
    e = e.cause as typeof e, i++
  ) {
    if (typeof e.code === 'string' && /^2[23]/.test(e.code)) return `rejected by the database: ${e.message}`;
  }
  return null;
}

function toRecord(line: string, header: string[] | null, kind: ImportOptions['kind']): ImportRecord {
  let object: Record<string, unknown>;
  if (header) {
    const fields = splitCsvLine(line);
    if (!fields) throw new RejectedLine('unterminated quoted field');
    if (fields.length !== header.length)
      throw new RejectedLine(`expected ${header.length} fields, found ${fields.length}`);
    object = Object.fromEntries(header.map((h, i) => [h, fields[i]]));
  } else {
    try {
      object = JSON.parse(line);
    } catch {
      throw new RejectedLine('not valid JSON');
    }
    if (!object || typeof object !== 'object' || Array.isArray(object))
      throw new RejectedLine('expected a JSON object');
  }
  return kind === 'orders' ? toOrder(object) : { kind: 'customer', customer: toCustomer(object) };
}

type Tx = Parameters<Parameters<ReturnType<typeof createDb>['transaction']>[0]>[0];

async function writeRecord(tx: Tx, storeId: string, record: ImportRecord): Promise<void> {
  const now = new Date();
  const exec = drizzleExecutor(tx);
  if (record.kind === 'customer') {
    const at = record.customer.createdAt ? new Date(record.customer.createdAt) : now;
    const id = await upsertCustomer(exec, storeId, record.customer, at);
    await ensureStats(exec, storeId, id);
    return;
  }
  let customerId: number;
  if (record.customer)
    customerId = await upsertCustomer(exec, storeId, record.customer, new Date(record.order.createdAt));
  else {
    const [found] = await tx
      .select({ id: customers.id })
      .from(customers)
      .where(and(eq(customers.storeId, storeId), eq(customers.externalId, record.customerExternalId)));
    if (!found)
      throw new RejectedLine(
        `unknown customer ${JSON.stringify(record.customerExternalId)} (import customers first)`,
      );
    customerId = found.id;
  }
  // A new order also redeems the coupon it carries (inside upsertOrder).
  await upsertOrder(exec, storeId, customerId, record.order);
}
