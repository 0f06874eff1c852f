// A large, valid workflow graph for the canvas benchmark: one trigger, then alternating if / tag
// nodes laid out on a grid, every node reachable, about 4 edges for every 3 nodes.

/** Builds a graph of `count` nodes and about `count * 4 / 3` edges. */
export function largeGraph(count) {
  const nodes = [];
  const edges = [];
  const columns = 12;
  const at = (i) => ({ x: (i % columns) * 260, y: Math.floor(i / columns) * 180 });
  nodes.push({ id: 'n0', type: 'trigger.order_created', position: at(0), config: {} });
  for (let i = 1; i < count; i += 1) {
    const isIf = i % 2 === 1;
    nodes.push(
      isIf
        ? {
            id: `n${i}`,
            type: 'condition.if',
            position: at(i),
            config: { condition: { all: [{ field: 'customer.lifetimeSpend', op: 'gt', value: i * 1000 }] } },
          }
        : { id: `n${i}`, type: 'action.add_tags', position: at(i), config: { tags: [`tag-${i}`] } },
    );
  }
  const outOf = (i) => (nodes[i].type === 'condition.if' ? ['true', 'false'] : [undefined]);
  const used = new Set();
  const link = (from, to) => {
    for (const handle of outOf(from)) {
      const key = `${from}:${handle}:${to}`;
      if (used.has(key)) continue;
      used.add(key);
      edges.push({
        id: `e${edges.length}`,
        source: `n${from}`,
        target: `n${to}`,
        ...(handle ? { sourceHandle: handle } : {}),
      });
      return true;
    }
    return false;
  };
  for (let i = 1; i < count; i += 1) link(i - 1, i);
  const wanted = Math.round((count * 4) / 3);
  for (let i = 1; edges.length < wanted && i + 2 < count; i += 1) {
    if (nodes[i].type === 'condition.if') link(i, i + 2);
  }
  return { schemaVersion: 1, nodes, edges };
}
