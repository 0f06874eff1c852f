import { createRequire } from 'node:module';
import pg from 'pg';

// node-postgres' own parameter encoding (arrays, dates, JSON, buffers), as its queries use it.
const { prepareValue } = createRequire(import.meta.url)('pg/lib/utils.js') as {
  prepareValue(value: unknown): unknown;
};

/** One named statement (see `named`): its name, text and parameters. */
export interface PipelinedStatement {
  name: string;
  text: string;
  values: unknown[];
}

type Row = Record<string, unknown>;

/** What node-postgres hands a Submittable (`pg.Connection` plus its statement caches). */
interface WireConnection {
  parsedStatements: Record<string, string>;
  submittedNamedStatements: Record<string, string>;
  stream: { cork?(): void; uncork?(): void };
  parse(query: { text: string; name: string; types: number[] }): void;
  bind(config: { portal: string; statement: string; values: unknown[]; binary: boolean }): void;
  describe(msg: { type: 'P'; name: string }): void;
  execute(config: { portal: string; rows: number }): void;
  sync(): void;
}

interface WireField {
  name: string;
  dataTypeID: number;
}

/**
 * Runs named statements on one client in ONE round trip and answers each one's rows, in order:
 * Parse (only on first use on the connection, as node-postgres does), Bind, Describe, Execute for
 * each, then a single Sync. Postgres runs them in order, inside the caller's transaction when
 * one is open; if one fails, it skips the rest up to the Sync and the promise rejects with that
 * error (the caller rolls back, as after any failed statement). The apply transaction runs a
 * batch's order statements this way: a round trip per event had been most of the worker's CPU
 * (its `writev` alone 15 % in a profile of `pnpm bench pipeline`). node-postgres sends one query
 * at a time; this is a `Submittable`, its extension point for custom protocol flows (as pg-cursor).
 */
export function runPipelined(client: pg.ClientBase, statements: PipelinedStatement[]): Promise<Row[][]> {
  if (statements.length === 0) return Promise.resolve([]);
  return new Promise((resolve, reject) => {
    try {
      client.query(
        new Pipeline(
          statements.map((s) => ({ ...s, values: s.values.map(prepareValue) })),
          (error, results) => (error ? reject(error) : resolve(results!)),
        ) as unknown as pg.Submittable,
      );
    } catch (error) {
      reject(error);
    }
  });
}

class Pipeline {
  /** Statements parsed by this pipeline whose ParseComplete is still due, in order. */
  private readonly parsing: { name: string; text: string }[] = [];
  /** Per statement: parsed by this pipeline. */
  private readonly parses: boolean[] = [];
  private index = 0;
  private fields: { name: string; parse: (value: string) => unknown }[] = [];
  private rows: Row[] = [];
  private readonly results: Row[][] = [];
  private failed = false;

  constructor(
    private readonly statements: PipelinedStatement[],
    private readonly callback: (error: unknown, results?: Row[][]) => void,
  ) {}

  // On ParseComplete the client records `name` → `text` as parsed on the connection: the
  // statement whose parse completes next.
  get name(): string | undefined {
    return this.parsing[0]?.name;
  }
  get text(): string | undefined {
    return this.parsing[0]?.text;
  }

  submit(connection: WireConnection): Error | null {
    for (const s of this.statements) {
      const known = connection.parsedStatements[s.name] ?? connection.submittedNamedStatements[s.name];
      if (known !== undefined && known !== s.text)
        return new Error(
          `Prepared statements must be unique - '${s.name}' was used for a different statement`,
        );
    }
    connection.stream.cork?.();
    try {
      for (const s of this.statements) {
        const parse =
          connection.parsedStatements[s.name] === undefined &&
          connection.submittedNamedStatements[s.name] === undefined;
        if (parse) {
          connection.parse({ text: s.text, name: s.name, types: [] });
          connection.submittedNamedStatements[s.name] = s.text;
          this.parsing.push({ name: s.name, text: s.text });
        }
        this.parses.push(parse);
        connection.bind({ portal: '', statement: s.name, values: s.values, binary: false });
        connection.describe({ type: 'P', name: '' });
        connection.execute({ portal: '', rows: 0 });
      }
      connection.sync();
    } finally {
      connection.stream.uncork?.();
    }
    return null;
  }

  handleRowDescription(msg: { fields: WireField[] }): void {
    this.fields = msg.fields.map((f) => ({
      name: f.name,
      parse: pg.types.getTypeParser(f.dataTypeID, 'text'),
    }));
  }

  handleDataRow(msg: { fields: (string | null)[] }): void {
    const row: Row = {};
    msg.fields.forEach((value, i) => {
      const field = this.fields[i]!;
      row[field.name] = value === null ? null : field.parse(value);
    });
    this.rows.push(row);
  }

  handleCommandComplete(): void {
    this.statementDone();
  }

  handleEmptyQuery(): void {
    this.statementDone();
  }

  handleError(error: unknown, connection: WireConnection): void {
    if (this.failed) return;
    this.failed = true;
    // Statements after the failed one were skipped unparsed: the next use parses them again.
    for (const p of this.parsing)
      if (connection.parsedStatements[p.name] === undefined)
        delete connection.submittedNamedStatements[p.name];
    this.callback(error);
  }

  handleReadyForQuery(): void {
    if (this.failed) return;
    if (this.results.length !== this.statements.length)
      this.callback(
        new Error(`pipeline ended after ${this.results.length} of ${this.statements.length} statements`),
      );
    else this.callback(null, this.results);
  }

  handlePortalSuspended(): void {}

  handleCopyInResponse(): void {}

  handleCopyData(): void {}

  private statementDone(): void {
    if (this.parses[this.index]) this.parsing.shift();
    this.results.push(this.rows);
    this.rows = [];
    this.fields = [];
    this.index += 1;
  }
}
