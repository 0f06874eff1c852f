import { CURRENT_SCHEMA_VERSION, type WorkflowGraph, WorkflowGraphSchema } from './workflow';
import { issue, type ValidationIssue } from './issues';

type Json = Record<string, unknown>;

/**
 * Ordered migrations: `migrations[n]` turns a version-n graph into version n+1. Append only;
 * a released migration never changes.
 */
const migrations: ((graph: Json) => Json)[] = [
  // 0 → 1: graphs before `schemaVersion` kept node settings under React Flow's `data`.
  (graph) => ({
    ...graph,
    nodes: Array.isArray(graph.nodes)
      ? graph.nodes.map((node: unknown) => {
          if (!isObject(node) || 'config' in node || !('data' in node)) return node;
          const { data, ...rest } = node;
          return { ...rest, config: isObject(data) ? data : {} };
        })
      : graph.nodes,
  }),
];

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Result of {@link migrateGraph}: the JSON at the current version, not yet parsed. */
export type MigrationResult =
  | { ok: true; graph: unknown; fromVersion: number }
  | { ok: false; issues: ValidationIssue[] };

/**
 * Brings stored graph JSON to {@link CURRENT_SCHEMA_VERSION}. A missing `schemaVersion` is version 0.
 * Never throws; refuses a version newer than this code knows.
 */
export function migrateGraph(raw: unknown): MigrationResult {
  if (!isObject(raw)) return { ok: false, issues: [issue('invalid_graph', 'A graph must be a JSON object')] };
  const version = raw.schemaVersion ?? 0;
  if (!Number.isInteger(version) || (version as number) < 0 || (version as number) > CURRENT_SCHEMA_VERSION) {
    const message = `Unsupported schemaVersion ${JSON.stringify(version)}; this build reads up to ${CURRENT_SCHEMA_VERSION}`;
    return { ok: false, issues: [issue('schema_version_unsupported', message)] };
  }
  let graph: Json = raw;
  for (let v = version as number; v < CURRENT_SCHEMA_VERSION; v++) {
    graph = { ...migrations[v]!(graph), schemaVersion: v + 1 };
  }
  return { ok: true, graph, fromVersion: version as number };
}

/** Result of {@link parseStoredGraph}. */
export type ParseGraphResult = { ok: true; graph: WorkflowGraph } | { ok: false; issues: ValidationIssue[] };

/** Every read of a stored graph: migrate, then parse the shape (not the semantics: see validateWorkflow). */
export function parseStoredGraph(raw: unknown): ParseGraphResult {
  const migrated = migrateGraph(raw);
  if (!migrated.ok) return migrated;
  const parsed = WorkflowGraphSchema.safeParse(migrated.graph);
  if (parsed.success) return { ok: true, graph: parsed.data };
  const issues = parsed.error.issues.map((i) =>
    issue('invalid_graph', `${i.path.join('.') || 'graph'}: ${i.message}`, {
      path: i.path.map((p) => (typeof p === 'number' ? p : String(p))),
    }),
  );
  return { ok: false, issues };
}
