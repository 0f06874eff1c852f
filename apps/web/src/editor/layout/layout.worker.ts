/// <reference lib="webworker" />
import ELK, { type ElkNode } from 'elkjs/lib/elk.bundled.js';
import type { LayoutRequest, LayoutResponse } from './auto-layout';

// elkjs runs here, off the main thread; the editor posts the graph and gets positions back.
const elk = new ELK();

self.onmessage = async (event: MessageEvent<LayoutRequest>) => {
  const { id, nodes, edges } = event.data;
  const graph: ElkNode = {
    id: 'root',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': 'DOWN',
      'elk.layered.spacing.nodeNodeBetweenLayers': '80',
      'elk.spacing.nodeNode': '48',
      'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
      'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
    },
    children: nodes.map((n) => ({
      id: n.id,
      width: n.width,
      height: n.height,
      layoutOptions: { 'elk.portConstraints': 'FIXED_ORDER' },
      // ELK numbers ports clockwise, which runs right to left on the south side: reverse the index
      // so true/false, cases and A/B stay left to right as on the card.
      ports: n.ports.map((port, i) => ({
        id: `${n.id}::${port}`,
        width: 1,
        height: 1,
        layoutOptions: { 'elk.port.side': 'SOUTH', 'elk.port.index': String(n.ports.length - 1 - i) },
      })),
    })),
    edges: edges.map((e) => ({
      id: e.id,
      sources: [e.sourcePort ? `${e.source}::${e.sourcePort}` : e.source],
      targets: [e.target],
    })),
  };
  try {
    const result = await elk.layout(graph);
    const positions: LayoutResponse['positions'] = {};
    for (const child of result.children ?? []) positions[child.id] = { x: child.x ?? 0, y: child.y ?? 0 };
    self.postMessage({ id, positions } satisfies LayoutResponse);
  } catch (error) {
    self.postMessage({ id, positions: {}, error: String(error) } satisfies LayoutResponse);
  }
};
