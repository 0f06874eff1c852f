import type { XYPosition } from '@xyflow/react';
import { outputHandlesFor } from '../connection-rules';
import type { WorkflowFlowEdge, WorkflowFlowNode } from '../flow-mapping';
import { NODE_SIZE } from '../use-add-node';

/** What the layout worker receives: sizes, ordered output ports and edges. */
export interface LayoutRequest {
  id: number;
  nodes: Array<{ id: string; width: number; height: number; ports: string[] }>;
  edges: Array<{ id: string; source: string; target: string; sourcePort: string | null }>;
}

/** What it answers: a top-left position per node id. */
export interface LayoutResponse {
  id: number;
  positions: Record<string, XYPosition>;
  error?: string;
}

let worker: Worker | null = null;
let nextId = 1;

/** Builds the worker request from the canvas (ports keep true/false and case order left to right). */
export function toLayoutRequest(
  nodes: readonly WorkflowFlowNode[],
  edges: readonly WorkflowFlowEdge[],
  id = 0,
): LayoutRequest {
  const ported = new Set<string>();
  const request: LayoutRequest = {
    id,
    nodes: nodes.map((n) => {
      const handles = outputHandlesFor(n.data.nodeType, n.data.config).flatMap((h) => (h.id ? [h.id] : []));
      if (handles.length) ported.add(n.id);
      return {
        id: n.id,
        width: n.measured?.width ?? NODE_SIZE.width,
        height: n.measured?.height ?? NODE_SIZE.height,
        ports: handles,
      };
    }),
    edges: edges.map((e) => ({
      id: e.id,
      source: e.source,
      target: e.target,
      sourcePort: ported.has(e.source) && e.sourceHandle ? e.sourceHandle : null,
    })),
  };
  return request;
}

/** Lays the graph out top-down with elkjs in a web worker; resolves with new positions. */
export function autoLayout(
  nodes: readonly WorkflowFlowNode[],
  edges: readonly WorkflowFlowEdge[],
): Promise<Record<string, XYPosition>> {
  worker ??= new Worker(new URL('./layout.worker.ts', import.meta.url), { type: 'module' });
  const request = toLayoutRequest(nodes, edges, nextId++);
  const current = worker;
  return new Promise((resolve, reject) => {
    const onMessage = (event: MessageEvent<LayoutResponse>) => {
      if (event.data.id !== request.id) return;
      current.removeEventListener('message', onMessage);
      if (event.data.error) reject(new Error(event.data.error));
      else resolve(event.data.positions);
    };
    current.addEventListener('message', onMessage);
    current.postMessage(request);
  });
}
