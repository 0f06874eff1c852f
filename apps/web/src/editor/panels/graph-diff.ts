import type { WorkflowGraph } from '../../workflows/graph';

/** What changed between two graphs, by node id; positions alone do not count as a change. */
export interface GraphDiff {
  added: string[];
  removed: string[];
  changed: string[];
  edgesAdded: number;
  edgesRemoved: number;
}

const edgeKey = (e: WorkflowGraph['edges'][number]) => `${e.source}:${e.sourceHandle ?? ''}>${e.target}`;

/** Compares `from` (e.g. a published version) with `to` (e.g. the draft). */
export function diffGraphs(from: WorkflowGraph, to: WorkflowGraph): GraphDiff {
  const before = new Map(from.nodes.map((n) => [n.id, n]));
  const after = new Map(to.nodes.map((n) => [n.id, n]));
  const added = [...after.keys()].filter((id) => !before.has(id));
  const removed = [...before.keys()].filter((id) => !after.has(id));
  const changed = [...after.values()]
    .filter((n) => {
      const old = before.get(n.id);
      return (
        old &&
        (old.type !== n.type ||
          JSON.stringify(old.config) !== JSON.stringify(n.config) ||
          old.label !== n.label)
      );
    })
    .map((n) => n.id);
  const oldEdges = new Set(from.edges.map(edgeKey));
  const newEdges = new Set(to.edges.map(edgeKey));
  return {
    added,
    removed,
    changed,
    edgesAdded: [...newEdges].filter((k) => !oldEdges.has(k)).length,
    edgesRemoved: [...oldEdges].filter((k) => !newEdges.has(k)).length,
  };
}

/** "2 nodes added, 1 changed, 1 connection removed" or "No changes". */
export function describeDiff(diff: GraphDiff): string {
  const parts: string[] = [];
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  if (diff.added.length) parts.push(`${plural(diff.added.length, 'node')} added`);
  if (diff.removed.length) parts.push(`${plural(diff.removed.length, 'node')} removed`);
  if (diff.changed.length) parts.push(`${plural(diff.changed.length, 'node')} changed`);
  if (diff.edgesAdded) parts.push(`${plural(diff.edgesAdded, 'connection')} added`);
  if (diff.edgesRemoved) parts.push(`${plural(diff.edgesRemoved, 'connection')} removed`);
  return parts.length ? parts.join(', ') : 'No changes';
}
