import { issue, type ValidationIssue } from './issues';
import { NEXT_HANDLE } from './node-definition';
import type { WorkflowEdge } from './workflow';

/** What the structural checks need to know about each node. */
export interface NodeFacts {
  id: string;
  isTrigger: boolean;
  /** Output handles, or null when the type or config is invalid (handles unknown). */
  handles: string[] | null;
}

/** An edge whose ends exist, with its handle made explicit. */
export interface ResolvedEdge {
  id: string;
  source: string;
  target: string;
  handle: string;
}

/** The handle an edge leaves from: its `sourceHandle`, or `next` for single-output nodes. */
export function edgeHandle(edge: Pick<WorkflowEdge, 'sourceHandle'>): string {
  return edge.sourceHandle ?? NEXT_HANDLE;
}

/** Checks every edge (ends exist, handle valid, no duplicates); returns the usable edges. */
export function checkEdges(
  edges: readonly WorkflowEdge[],
  nodes: ReadonlyMap<string, NodeFacts>,
  issues: ValidationIssue[],
): ResolvedEdge[] {
  const resolved: ResolvedEdge[] = [];
  const seen = new Set<string>();
  for (const edge of edges) {
    const at = { edgeId: edge.id };
    const source = nodes.get(edge.source);
    const target = nodes.get(edge.target);
    if (!source)
      issues.push(
        issue('edge_unknown_source', `Edge ${edge.id} starts at missing node "${edge.source}"`, at),
      );
    if (!target)
      issues.push(issue('edge_unknown_target', `Edge ${edge.id} ends at missing node "${edge.target}"`, at));
    if (!source || !target) continue;
    if (target.isTrigger) {
      issues.push(
        issue('edge_into_trigger', 'A trigger cannot have incoming edges', { ...at, nodeId: target.id }),
      );
      continue;
    }
    const handle = edgeHandle(edge);
    if (source.handles && !source.handles.includes(handle)) {
      const missing = edge.sourceHandle == null;
      const message = missing
        ? `Edge ${edge.id} must say which output it leaves from (${source.handles.join(', ')})`
        : `Node "${source.id}" has no output "${handle}" (outputs: ${source.handles.join(', ')})`;
      issues.push(
        issue(missing ? 'missing_handle' : 'invalid_handle', message, { ...at, nodeId: source.id }),
      );
      continue;
    }
    const key = JSON.stringify([edge.source, handle, edge.target]);
    if (seen.has(key)) {
      issues.push(issue('duplicate_edge', `Edge ${edge.id} repeats another edge`, at));
      continue;
    }
    seen.add(key);
    resolved.push({ id: edge.id, source: edge.source, target: edge.target, handle });
  }
  return resolved;
}

/** Reports every node on a cycle (strongly connected components, iterative Tarjan). */
export function checkCycles(
  nodeIds: readonly string[],
  edges: readonly ResolvedEdge[],
  issues: ValidationIssue[],
) {
  const out = adjacency(nodeIds, edges);
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  let counter = 0;
  for (const root of nodeIds) {
    if (index.has(root)) continue;
    const work: [string, number][] = [[root, 0]];
    while (work.length > 0) {
      const frame = work[work.length - 1]!;
      const [v, i] = frame;
      if (i === 0 && !index.has(v)) {
        index.set(v, counter);
        low.set(v, counter++);
        stack.push(v);
        onStack.add(v);
      }
      const next = out.get(v)![i];
      if (next !== undefined) {
        frame[1] = i + 1;
        if (!index.has(next)) work.push([next, 0]);
        else if (onStack.has(next)) low.set(v, Math.min(low.get(v)!, index.get(next)!));
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low.set(parent[0], Math.min(low.get(parent[0])!, low.get(v)!));
      if (low.get(v) !== index.get(v)) continue;
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      const selfLoop = out.get(v)!.includes(v);
      if (component.length > 1 || selfLoop) {
        for (const nodeId of component.reverse()) {
          issues.push(
            issue('cycle', `Node "${nodeId}" is part of a loop (${component.join(' → ')})`, { nodeId }),
          );
        }
      }
    }
  }
}

/** Reports every non-trigger node no trigger leads to. */
export function checkReachable(
  nodes: ReadonlyMap<string, NodeFacts>,
  edges: readonly ResolvedEdge[],
  issues: ValidationIssue[],
) {
  const out = adjacency([...nodes.keys()], edges);
  const reached = new Set<string>();
  const queue = [...nodes.values()].filter((n) => n.isTrigger).map((n) => n.id);
  while (queue.length > 0) {
    const id = queue.pop()!;
    if (reached.has(id)) continue;
    reached.add(id);
    queue.push(...out.get(id)!);
  }
  for (const node of nodes.values()) {
    if (!reached.has(node.id) && !node.isTrigger) {
      issues.push(
        issue('unreachable_node', `Node "${node.id}" cannot be reached from a trigger`, { nodeId: node.id }),
      );
    }
  }
}

function adjacency(nodeIds: readonly string[], edges: readonly ResolvedEdge[]): Map<string, string[]> {
  const out = new Map(nodeIds.map((id) => [id, [] as string[]]));
  for (const edge of edges) out.get(edge.source)?.push(edge.target);
  return out;
}
