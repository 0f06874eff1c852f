import type { workflows } from '../../db/schema/index';

/** A workflow row as drizzle returns it. */
export type WorkflowRow = typeof workflows.$inferSelect;

/** Trigger node types of a graph (stored graphs are jsonb: read defensively). */
export function triggerTypesOf(graph: unknown): string[] {
  const nodes = (graph as { nodes?: unknown })?.nodes;
  if (!Array.isArray(nodes)) return [];
  const types = nodes
    .map((node) => (node as { type?: unknown })?.type)
    .filter((type): type is string => typeof type === 'string' && type.startsWith('trigger.'));
  return [...new Set(types)];
}

/** The API's workflow shape (ARCHITECTURE.md): the row plus its published version number. */
export function toWorkflowView(row: WorkflowRow, publishedVersion: number | null) {
  return {
    id: row.id,
    name: row.name,
    graph: row.graph,
    revision: row.revision,
    active: row.active,
    publishedVersion,
    publishedVersionId: row.publishedVersionId,
    triggerTypes: triggerTypesOf(row.graph),
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}
