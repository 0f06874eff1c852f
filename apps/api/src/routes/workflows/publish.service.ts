import { compile } from '@segflow/engine';
import { validateWorkflow } from '@segflow/schema';
import { AppError } from '../../errors';
import type { WorkflowRepository } from './workflows.repository';

/** Validates a graph with the shared validator (and the engine's compiler); 422 with issues when invalid. */
export function assertPublishable(graph: unknown): void {
  const issues = validateWorkflow(graph);
  if (issues.length > 0) throw invalidGraph(issues);
  const compiled = compile(graph as never);
  if (!compiled.ok) throw invalidGraph(compiled.issues);
}

/** The 422 `invalid_graph` error; `issues` sits at the top level of the body (ARCHITECTURE.md). */
export function invalidGraph(issues: readonly unknown[]): AppError {
  return new AppError('invalid_graph', `The workflow has ${issues.length} problem(s)`, undefined, { issues });
}

/** Publishes the current draft as a new immutable version, refusing invalid graphs. */
export async function publishWorkflow(repo: WorkflowRepository, storeId: string, id: string, note?: string) {
  const row = await repo.row(storeId, id);
  assertPublishable(row.graph);
  return repo.publish(storeId, id, { graph: row.graph, revision: row.revision, ...(note ? { note } : {}) });
}
