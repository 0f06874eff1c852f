import { makeTree } from './trees';

type Node = { id: string; type: string; position: { x: number; y: number }; config: Record<string, unknown> };

/** A 50-node workflow: one trigger, then 7 chained blocks of an if (5–12 leaves) and six actions. */
export function fiftyNodeGraph(r: () => number) {
  const nodes: Node[] = [{ id: 'n0', type: 'trigger.order_created', position: { x: 0, y: 0 }, config: {} }];
  const edges: { id: string; source: string; target: string; sourceHandle?: string }[] = [];
  let previous = 'n0';
  let previousHandle: string | undefined;
  const add = (type: string, config: Record<string, unknown>) => {
    const id = `n${nodes.length}`;
    nodes.push({ id, type, position: { x: 0, y: nodes.length * 100 }, config });
    edges.push({
      id: `e${edges.length}`,
      source: previous,
      target: id,
      ...(previousHandle ? { sourceHandle: previousHandle } : {}),
    });
    previous = id;
    previousHandle = undefined;
  };
  for (let block = 0; block < 7; block++) {
    add('condition.if', { condition: makeTree(r, 5 + Math.floor(r() * 8)) });
    previousHandle = 'true';
    add('action.add_tags', { tags: [`tag-${block}`] });
    add('action.set_attribute', { key: `step${block}`, value: block });
    add('action.assign_group', { group: `Group ${block}` });
    add('action.send_email', {
      subject: 'Hi {{ customer.firstName }}',
      body: 'Thanks',
      coupon: { percentOff: 10, expiresInDays: 7 },
    });
    add('action.notify_team', { subject: 'Block', body: `${block}` });
    add('action.remove_tags', { tags: ['old'] });
  }
  return { schemaVersion: 1, nodes, edges };
}
