import type { Connection } from '@xyflow/react';
import type { WorkflowFlowEdge, WorkflowFlowNode } from './flow-mapping';

/**
 * Which handles each node type has, and which connections the canvas accepts as you draw.
 * Pure, so the store, the node cards and the tests share one definition.
 */

/** One output handle of a node: `null` id is the single default output. */
export interface OutputHandle {
  id: string | null;
  label?: string;
  tone?: 'yes' | 'no' | 'neutral';
}

interface SwitchCase {
  id: string;
  label?: string;
}

/** The output handles of a node type with the given config. */
export function outputHandlesFor(nodeType: string, config: Record<string, unknown>): OutputHandle[] {
  switch (nodeType) {
    case 'condition.if':
      return [
        { id: 'true', label: 'True', tone: 'yes' },
        { id: 'false', label: 'False', tone: 'no' },
      ];
    case 'condition.switch': {
      const cases = Array.isArray(config.cases) ? (config.cases as SwitchCase[]) : [];
      return [
        ...cases.map((c, i) => ({ id: c.id, label: c.label || `Case ${i + 1}` })),
        { id: 'default', label: 'Otherwise', tone: 'neutral' as const },
      ];
    }
    case 'condition.split':
      return [
        { id: 'a', label: 'A' },
        { id: 'b', label: 'B' },
      ];
    default:
      return [{ id: null }];
  }
}

/** Triggers start a workflow; everything else takes one input. */
export function acceptsInput(nodeType: string): boolean {
  return !nodeType.startsWith('trigger.');
}

/** Why a connection is refused, or null when it is fine. */
export function connectionProblem(
  connection: Pick<Connection, 'source' | 'target'> & { sourceHandle?: string | null | undefined },
  nodes: readonly WorkflowFlowNode[],
  edges: readonly WorkflowFlowEdge[],
): string | null {
  const { source, target } = connection;
  if (source === target) return 'A node cannot connect to itself.';
  const sourceNode = nodes.find((n) => n.id === source);
  const targetNode = nodes.find((n) => n.id === target);
  if (!sourceNode || !targetNode) return 'Both ends must be nodes on the canvas.';
  if (!acceptsInput(targetNode.data.nodeType))
    return 'A trigger starts the workflow; nothing can lead into it.';
  const handles = outputHandlesFor(sourceNode.data.nodeType, sourceNode.data.config);
  const handle = connection.sourceHandle ?? null;
  if (!handles.some((h) => h.id === handle)) return 'That output does not exist on this node.';
  if (edges.some((e) => e.source === source && (e.sourceHandle ?? null) === handle && e.target === target)) {
    return 'These nodes are already connected.';
  }
  if (reaches(target, source, edges)) return 'This connection would make a loop.';
  return null;
}

function reaches(from: string, to: string, edges: readonly WorkflowFlowEdge[]): boolean {
  const seen = new Set<string>();
  const stack = [from];
  while (stack.length) {
    const id = stack.pop()!;
    if (id === to) return true;
    if (seen.has(id)) continue;
    seen.add(id);
    for (const e of edges) if (e.source === id) stack.push(e.target);
  }
  return false;
}
