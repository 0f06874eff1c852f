import type { FieldValue } from '@segflow/schema';
import type pg from 'pg';
import { AppError } from '../../errors';
import { estimateSql, exactSql, sampledSql, searchSql } from './field-values.sql';
import { fieldsWithValues, type Source, sourceFor } from './field-values.sources';

export { fieldsWithValues } from './field-values.sources';

/** How much a field-values request may cost (README "Field values" explains the defaults). */
export interface FieldValuesOptions {
  /**
   * Stores with at most this many rows (planner estimate) in the field's table are counted exactly;
   * keep it well above `sampleRows`, or a sample reads most of a store for an approximate answer.
   */
  exactUpTo?: number;
  /** Larger stores are sampled by customer so that about this many rows are read. */
  sampleRows?: number;
  /** Every statement's `statement_timeout`; past it the request is a 503 `query_timeout`. */
  timeoutMs?: number;
}

/** A statement to try: its SQL, whether it samples (binds the share as $4), its own time limit. */
interface Attempt {
  sql: string;
  isSampled: boolean;
  budgetMs?: number;
}

/** A row of every field-values statement. */
interface Row {
  value: string;
  label: string | null;
  count: number;
  approximate: boolean;
}

const QUERY_CANCELED = '57014';

function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (m) => `\\${m}`);
}

/**
 * The statements to try in order: the first that ends within its time answers. Small stores are
 * counted exactly (sampled when the estimate was stale and that overran); large ones are sampled, a
 * search on an indexed item column adding the rare values the sample missed (or, past half the
 * timeout, the sample alone).
 */
function plan(source: Source, rows: number, hasQuery: boolean, o: Required<FieldValuesOptions>): Attempt[] {
  const sampled = { sql: sampledSql(source), isSampled: true };
  if (rows <= o.exactUpTo) return [{ sql: exactSql(source), isSampled: false }, sampled];
  const { column } = source;
  if (!hasQuery || !column) return [sampled];
  // The loose scan visits every distinct value: a catalog of 100k SKUs overruns half the timeout.
  const search = { sql: searchSql({ ...source, column }), isSampled: true, budgetMs: o.timeoutMs / 2 };
  return [search, sampled];
}

/** Distinct field values per store, with customer counts, bounded in time at any store size. */
export function createFieldValuesRepository(pool: pg.Pool, options: FieldValuesOptions = {}) {
  const o: Required<FieldValuesOptions> = {
    exactUpTo: 100_000,
    sampleRows: 40_000,
    timeoutMs: 1_000,
    ...options,
  };
  return {
    /**
     * The values of `field` present in the store's data containing `q` (case-insensitive), most
     * customers first, at most `limit`; sampled counts carry `approximate: true`. An unknown field
     * or one without values is a 400 naming it; a query past its time limit is a 503 `query_timeout`.
     */
    async list(storeId: string, input: { field: string; q?: string; limit: number }): Promise<FieldValue[]> {
      const source = sourceFor(input.field);
      if (!source) {
        throw new AppError(
          'validation_failed',
          `field: "${input.field}" has no value suggestions (fields: ${fieldsWithValues.join(', ')}, customer.attributes.<key>)`,
          { field: input.field },
        );
      }
      const pattern = input.q ? `%${escapeLike(input.q)}%` : null;
      const client = await pool.connect();
      try {
        // JIT compiling costs more than these short statements (≈ 0.4 s measured at 1M).
        await client.query(
          `BEGIN READ ONLY; SET LOCAL jit = off; SET LOCAL statement_timeout = ${Math.trunc(o.timeoutMs)}`,
        );
        const estimate = await client.query<{ 'QUERY PLAN': [{ Plan: { 'Plan Rows': number } }] }>(
          estimateSql(source),
          [storeId],
        );
        const rows = estimate.rows[0]?.['QUERY PLAN'][0].Plan['Plan Rows'] ?? 0;
        const params = [storeId, pattern, input.limit, Math.min(1, o.sampleRows / Math.max(rows, 1))];
        return await firstInTime(client, plan(source, rows, pattern !== null, o), params);
      } catch (error) {
        if ((error as { code?: string }).code !== QUERY_CANCELED) throw error;
        throw new AppError(
          'query_timeout',
          `Counting the values of ${input.field} took too long; try again`,
          {
            field: input.field,
          },
        );
      } finally {
        await client.query('ROLLBACK').catch(() => undefined);
        client.release();
      }
    },
  };
}

/** Runs the attempts in order, each in a savepoint; only the last one's timeout throws. */
async function firstInTime(
  client: pg.PoolClient,
  attempts: Attempt[],
  params: unknown[],
): Promise<FieldValue[]> {
  for (const [i, attempt] of attempts.entries()) {
    // Rolling back to the savepoint also restores the request's statement_timeout.
    const budget = attempt.budgetMs ? `; SET LOCAL statement_timeout = ${Math.trunc(attempt.budgetMs)}` : '';
    await client.query(`SAVEPOINT attempt${budget}`);
    try {
      const bound = attempt.isSampled ? params : params.slice(0, 3);
      const { rows } = await client.query<Row>(attempt.sql, bound);
      return rows.map(({ value, label, count, approximate }) => ({
        value,
        ...(label ? { label } : {}),
        count,
        ...(approximate ? { approximate } : {}),
      }));
    } catch (error) {
      const isLast = i === attempts.length - 1;
      if (isLast || (error as { code?: string }).code !== QUERY_CANCELED) throw error;
      await client.query('ROLLBACK TO SAVEPOINT attempt');
    }
  }
  return [];
}

/** The field-values repository's interface. */
export type FieldValuesRepository = ReturnType<typeof createFieldValuesRepository>;
