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
