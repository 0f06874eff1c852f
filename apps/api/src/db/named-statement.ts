import { type SQL, sql } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import type pg from 'pg';

const names = new Map<string, string>();
/** Beyond this many distinct texts, statements run unnamed (a guard against texts built from data). */
const MAX_NAMED = 500;

/**
 * A query config that runs `text` as a named prepared statement: Postgres parses and plans it
 * once per connection instead of on every call. For the pipeline's hot statements, where planning
 * cost as much as executing (measured with pg_stat_statements' track_planning). The name is
 * stable per distinct text, so a statement built from parts (an action's CTEs) gets its own.
 */
export function named(text: string, values: unknown[]): pg.QueryConfig {
  let name = names.get(text);
  if (!name) {
    if (names.size >= MAX_NAMED) return { text, values };
    name = `segflow_${names.size + 1}`;
    names.set(text, name);
  }
  return { name, text, values };
}

/** What the apply path needs of a connection: drizzle's `execute` (a transaction has it too). */
export interface SqlExecutor {
  execute<T extends pg.QueryResultRow>(query: SQL): PromiseLike<{ rows: T[]; rowCount: number | null }>;
}

/** A drizzle database or transaction as an executor (its `execute` runs unnamed statements). */
export function drizzleExecutor(db: { execute(query: SQL): PromiseLike<unknown> }): SqlExecutor {
  return { execute: (query) => db.execute(query) as never };
}

const dialect = new PgDialect();

/**
 * An executor over a pg client (inside the caller's transaction) that runs every drizzle `sql`
 * query as a named prepared statement: the pipeline's per-event upserts are planned once per
 * connection instead of on every event.
 */
export function namedExecutor(client: Pick<pg.PoolClient, 'query'>): SqlExecutor {
  return {
    execute<T extends pg.QueryResultRow>(query: SQL) {
      const { sql: text, params } = dialect.sqlToQuery(query);
      return client.query<T>(named(text, params));
    },
  };
}

/**
 * A statement's values, numbered `$1`, `$2`… in the order they are added, for statements written
 * as plain text: on the pipeline's hot path, building a drizzle `sql` tree and rendering it cost
 * more CPU per event than sending the statement (a CPU profile of the API executing inline).
 */
export class Placeholders {
  readonly values: unknown[] = [];

  /** The placeholder of `value`. */
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

/** Text with `$n` placeholders and its values as a drizzle query (for a {@link SqlExecutor}). */
export function textSql(text: string, values: unknown[]): SQL {
  const parts = text.split(/\$(\d+)/);
  return sql.join(
    parts.map((part, i) => (i % 2 === 0 ? sql.raw(part) : sql.param(values[Number(part) - 1]))),
  );
}
