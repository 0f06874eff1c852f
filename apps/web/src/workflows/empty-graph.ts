import type { WorkflowGraph } from '@segflow/schema';

/** An empty graph, the starting point of a new workflow (type-only import: no zod in the list chunk). */
export const emptyGraph = (): WorkflowGraph => ({ schemaVersion: 1, nodes: [], edges: [] });
