import {
  addEdge,
  applyEdgeChanges,
  applyNodeChanges,
  type Connection,
  type EdgeChange,
  type NodeChange,
  type XYPosition,
} from '@xyflow/react';
import type { WorkflowGraph } from '../../workflows/graph';
import type { CanvasSliceCreator } from '../canvas-store';
import { connectionProblem } from '../connection-rules';
import {
  graphToFlow,
  idPrefixFor,
  newId,
  toFlowNode,
  type WorkflowFlowEdge,
  type WorkflowFlowNode,
} from '../flow-mapping';
import { estimatedGeometry } from '../node-geometry';

/** The graph being edited, as React Flow nodes and edges, and every edit of it. */
export interface GraphSlice {
  nodes: WorkflowFlowNode[];
  edges: WorkflowFlowEdge[];
  /** Bumps on every change that alters the saved graph (not on selection or measuring). */
  changeCount: number;
  onNodesChange: (changes: NodeChange<WorkflowFlowNode>[]) => void;
  onEdgesChange: (changes: EdgeChange<WorkflowFlowEdge>[]) => void;
  connect: (connection: Connection) => string | null;
  addNode: (nodeType: string, position: XYPosition, config: Record<string, unknown>) => string;
  updateConfig: (id: string, config: Record<string, unknown>) => void;
  setNodeLabel: (id: string, label: string) => void;
  removeNodes: (ids: string[]) => void;
  selectOnly: (ids: string[]) => void;
  setPositions: (positions: Record<string, XYPosition>) => void;
  replaceGraph: (graph: WorkflowGraph) => void;
  insertFragment: (nodes: WorkflowFlowNode[], edges: WorkflowFlowEdge[]) => void;
}

const GRAPH_CHANGES = new Set(['position', 'remove', 'add', 'replace']);

/** Builds the graph slice seeded with `graph`. */
export const createGraphSlice =
  (graph: WorkflowGraph): CanvasSliceCreator<GraphSlice> =>
  (set, get) => ({
    ...graphToFlow(graph),
    changeCount: 0,
    onNodesChange: (changes) =>
      set((s) => ({
        nodes: withoutEstimatedHandles(changes, applyNodeChanges(changes, s.nodes)),
        edges: removedEdges(changes, s.edges),
        changeCount: changes.some((c) => GRAPH_CHANGES.has(c.type)) ? s.changeCount + 1 : s.changeCount,
      })),
    onEdgesChange: (changes) =>
      set((s) => ({
        edges: applyEdgeChanges(changes, s.edges),
        changeCount: changes.some((c) => GRAPH_CHANGES.has(c.type)) ? s.changeCount + 1 : s.changeCount,
      })),
    connect: (connection) => {
      const { nodes, edges } = get();
      const problem = connectionProblem(connection, nodes, edges);
      if (problem) return problem;
      const edge: WorkflowFlowEdge = { ...connection, id: newId('e') } as WorkflowFlowEdge;
      if (!edge.sourceHandle) delete edge.sourceHandle;
      if (!edge.targetHandle) delete edge.targetHandle;
      set((s) => ({ edges: addEdge(edge, s.edges), changeCount: s.changeCount + 1 }));
      return null;
    },
    addNode: (nodeType, position, config) => {
      const id = newId(idPrefixFor(nodeType));
      const node = { ...toFlowNode({ id, type: nodeType, position, config }), selected: true };
      set((s) => ({
        nodes: [...s.nodes.map((n) => (n.selected ? { ...n, selected: false } : n)), node],
        edges: s.edges.map((e) => (e.selected ? { ...e, selected: false } : e)),
        changeCount: s.changeCount + 1,
      }));
      return id;
    },
    updateConfig: (id, config) =>
      set((s) => ({
        nodes: s.nodes.map((n) => (n.id === id ? withConfig(n, config) : n)),
        edges: prunedEdges(s.edges, id, config, s.nodes),
        changeCount: s.changeCount + 1,
      })),
    setNodeLabel: (id, label) =>
      set((s) => ({
        nodes: s.nodes.map((n) => {
          if (n.id !== id) return n;
          const data = { ...n.data };
          if (label) data.label = label;
          else delete data.label;
          return { ...n, data };
        }),
        changeCount: s.changeCount + 1,
      })),
    removeNodes: (ids) => {
      const gone = new Set(ids);
      set((s) => ({
        nodes: s.nodes.filter((n) => !gone.has(n.id)),
        edges: s.edges.filter((e) => !gone.has(e.source) && !gone.has(e.target)),
        changeCount: s.changeCount + 1,
      }));
    },
    selectOnly: (ids) => {
      const wanted = new Set(ids);
      set((s) => ({
        nodes: s.nodes.map((n) =>
          Boolean(n.selected) === wanted.has(n.id) ? n : { ...n, selected: wanted.has(n.id) },
        ),
        edges: s.edges.map((e) => (e.selected ? { ...e, selected: false } : e)),
      }));
    },
    setPositions: (positions) =>
      set((s) => ({
        nodes: s.nodes.map((n) => (positions[n.id] ? { ...n, position: positions[n.id]! } : n)),
        changeCount: s.changeCount + 1,
      })),
    replaceGraph: (next) => set((s) => ({ ...graphToFlow(next), changeCount: s.changeCount + 1 })),
    insertFragment: (nodes, edges) =>
      set((s) => ({
        nodes: [...s.nodes.map((n) => (n.selected ? { ...n, selected: false } : n)), ...nodes],
        edges: [...s.edges, ...edges],
        changeCount: s.changeCount + 1,
      })),
  });

/**
 * A node's estimated handles (node-geometry.ts) stand in until the browser measures its card;
 * once it has, React Flow keeps the measured ones only when the node no longer declares any.
 */
function withoutEstimatedHandles(
  changes: NodeChange<WorkflowFlowNode>[],
  nodes: WorkflowFlowNode[],
): WorkflowFlowNode[] {
  const measured = new Set(changes.flatMap((c) => (c.type === 'dimensions' && c.dimensions ? [c.id] : [])));
  if (measured.size === 0) return nodes;
  return nodes.map((n) => {
    if (!n.handles || !measured.has(n.id)) return n;
    const { handles: _estimated, ...node } = n;
    return node;
  });
}

/** A node with a new config; a node not measured yet gets the estimated handles its outputs now need. */
function withConfig(node: WorkflowFlowNode, config: Record<string, unknown>): WorkflowFlowNode {
  const next = { ...node, data: { ...node.data, config } };
  if (node.handles) next.handles = estimatedGeometry(node.data.nodeType, config).handles;
  return next;
}

/** Edges attached to removed nodes go with them. */
function removedEdges(
  changes: NodeChange<WorkflowFlowNode>[],
  edges: WorkflowFlowEdge[],
): WorkflowFlowEdge[] {
  const removed = new Set(changes.flatMap((c) => (c.type === 'remove' ? [c.id] : [])));
  if (removed.size === 0) return edges;
  return edges.filter((e) => !removed.has(e.source) && !removed.has(e.target));
}

/** A switch case that disappears takes its outgoing edge with it. */
function prunedEdges(
  edges: WorkflowFlowEdge[],
  id: string,
  config: Record<string, unknown>,
  nodes: WorkflowFlowNode[],
): WorkflowFlowEdge[] {
  const node = nodes.find((n) => n.id === id);
  if (node?.data.nodeType !== 'condition.switch' || !Array.isArray(config.cases)) return edges;
  const handles = new Set([...(config.cases as Array<{ id: string }>).map((c) => c.id), 'default']);
  return edges.filter((e) => e.source !== id || handles.has(e.sourceHandle ?? ''));
}
