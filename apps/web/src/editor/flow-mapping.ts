import type { Edge, Node } from '@xyflow/react';
import type { GraphEdge, GraphNode, WorkflowGraph } from '../workflows/graph';
import { estimatedGeometry } from './node-geometry';

/**
 * Converts between the stored workflow graph (DESIGN §4) and React Flow's nodes and edges.
 * Every canvas node uses the one React Flow type `workflow`; the workflow node type lives in data,
 * so `nodeTypes` is a constant and one memoised card renders every kind.
 */

/** What a canvas node carries: its workflow node type, config and optional display label. */
export type WorkflowNodeData = {
  nodeType: string;
  config: Record<string, unknown>;
  label?: string;
};

/** A canvas node. */
export type WorkflowFlowNode = Node<WorkflowNodeData, 'workflow'>;
/** A canvas edge. */
export type WorkflowFlowEdge = Edge;

/** The schema's id for a node's only output; edges may name it or leave `sourceHandle` out. */
export const SINGLE_OUTPUT = 'next';

/** The React Flow node type every workflow node renders with. */
export const FLOW_NODE_TYPE = 'workflow' as const;

/**
 * Stored node → canvas node, with its estimated size and handles until the card is measured
 * (see node-geometry.ts; the graph slice drops the estimated handles once it is).
 */
export function toFlowNode(node: GraphNode): WorkflowFlowNode {
  const data: WorkflowNodeData = { nodeType: node.type, config: node.config ?? {} };
  if (node.label) data.label = node.label;
  return {
    id: node.id,
    type: FLOW_NODE_TYPE,
    position: { ...node.position },
    data,
    ...estimatedGeometry(node.type, data.config),
  };
}

/** Stored edge → canvas edge (handles kept only when present). */
export function toFlowEdge(edge: GraphEdge): WorkflowFlowEdge {
  const out: WorkflowFlowEdge = { id: edge.id, source: edge.source, target: edge.target };
  // `next` is the single output every plain node has; on the canvas that handle has no id.
  if (edge.sourceHandle && edge.sourceHandle !== SINGLE_OUTPUT) out.sourceHandle = edge.sourceHandle;
  if (edge.targetHandle) out.targetHandle = edge.targetHandle;
  return out;
}

/** A whole stored graph → canvas nodes and edges. */
export function graphToFlow(graph: WorkflowGraph): { nodes: WorkflowFlowNode[]; edges: WorkflowFlowEdge[] } {
  return { nodes: graph.nodes.map(toFlowNode), edges: graph.edges.map(toFlowEdge) };
}

/** Canvas nodes and edges → the stored graph; drops React Flow's view-only state. */
export function flowToGraph(
  nodes: readonly WorkflowFlowNode[],
  edges: readonly WorkflowFlowEdge[],
): WorkflowGraph {
  return {
    schemaVersion: 1,
    nodes: nodes.map((n) => {
      const node: GraphNode = {
        id: n.id,
        type: n.data.nodeType,
        position: { x: Math.round(n.position.x), y: Math.round(n.position.y) },
        config: n.data.config,
      };
      if (n.data.label) node.label = n.data.label;
      return node;
    }),
    edges: edges.map((e) => {
      const edge: GraphEdge = { id: e.id, source: e.source, target: e.target };
      if (e.sourceHandle) edge.sourceHandle = e.sourceHandle;
      if (e.targetHandle) edge.targetHandle = e.targetHandle;
      return edge;
    }),
  };
}

/** A stable string for comparing two graphs (dirty checks, change detection). */
export function graphKey(graph: WorkflowGraph): string {
  return JSON.stringify(graph);
}

/** A short, readable, unique-enough id for a new node or edge (`c_4f9a2b`). */
export function newId(prefix: string): string {
  const random =
    typeof crypto !== 'undefined' && 'randomUUID' in crypto
      ? crypto.randomUUID().replace(/-/g, '').slice(0, 8)
      : Math.random().toString(36).slice(2, 10);
  return `${prefix}_${random}`;
}

/** The id prefix for a node type: t (trigger), c (condition) or a (action). */
export function idPrefixFor(nodeType: string): string {
  return nodeType.startsWith('trigger.') ? 't' : nodeType.startsWith('condition.') ? 'c' : 'a';
}
