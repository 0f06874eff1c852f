import { describe, expect, it } from 'vitest';
import { validateWorkflow } from './validate-workflow';

const node = (id: string, type: string, config: Record<string, unknown> = {}) => ({
  id,
  type,
  position: { x: 0, y: 0 },
  config,
});
const edge = (id: string, source: string, target: string, sourceHandle?: string) => ({
  id,
  source,
  target,
  sourceHandle,
});
const leaf = (field: string, op: string, value?: unknown) => ({ condition: { all: [{ field, op, value }] } });
const graph = (nodes: unknown[], edges: unknown[] = []) => ({ schemaVersion: 1, nodes, edges });

const vip = graph(
  [
    node('t1', 'trigger.order_created'),
    node('c1', 'condition.if', leaf('customer.lifetimeSpend', 'gt', 500000)),
    node('a1', 'action.assign_group', { group: 'VIP member' }),
  ],
  [edge('e1', 't1', 'c1'), edge('e2', 'c1', 'a1', 'true')],
);

const codes = (raw: unknown) => validateWorkflow(raw).map((i) => [i.code, i.edgeId ?? i.nodeId]);
/** A one-condition workflow under the given trigger. */
const underTrigger = (trigger: string, condition: Record<string, unknown>) =>
  graph([node('t', trigger), node('c', 'condition.if', condition)], [edge('e', 't', 'c')]);

describe('validateWorkflow', () => {
  it('accepts the VIP example', () => {
    expect(validateWorkflow(vip)).toEqual([]);
  });

  it('names the cycle, the unreachable node and the wrong operator', () => {
    const raw = graph(
      [
        ...vip.nodes,
        node('c2', 'condition.if', leaf('customer.lifetimeSpend', 'contains_any', ['a'])),
        node('lonely', 'action.assign_group', { group: 'x' }),
      ],
      [...vip.edges, edge('e3', 'a1', 'c2'), edge('e4', 'c2', 'a1', 'true')],
    );
    expect(codes(raw)).toEqual([
      ['invalid_operator', 'c2'],
      ['cycle', 'a1'],
      ['cycle', 'c2'],
      ['unreachable_node', 'lonely'],
    ]);
  });

  it('reports a self loop as a cycle', () => {
    const raw = graph(
      [node('t', 'trigger.manual'), node('a', 'action.add_tags', { tags: ['x'] })],
      [edge('e1', 't', 'a'), edge('e2', 'a', 'a')],
    );
    expect(codes(raw)).toEqual([['cycle', 'a']]);
  });

  it('requires a trigger', () => {
    expect(codes(graph([]))).toEqual([['no_trigger', undefined]]);
  });

  it('checks edges: ends, handles, duplicates, into triggers', () => {
    const raw = graph(
      [
        node('t', 'trigger.manual'),
        node('c', 'condition.if', leaf('customer.orderCount', 'gt', 1)),
        node('a', 'action.add_tags', { tags: ['x'] }),
      ],
      [
        edge('e1', 't', 'c'),
        edge('e2', 'c', 'a'),
        edge('e3', 'c', 'a', 'maybe'),
        edge('e4', 'c', 'a', 'true'),
        edge('e5', 'c', 'a', 'true'),
        edge('e6', 'ghost', 'a'),
        edge('e7', 'a', 'nowhere'),
        edge('e8', 'a', 't'),
        edge('e4', 'c', 'a', 'false'),
      ],
    );
    expect(codes(raw)).toEqual([
      ['duplicate_edge_id', 'e4'],
      ['missing_handle', 'e2'],
      ['invalid_handle', 'e3'],
      ['duplicate_edge', 'e5'],
      ['edge_unknown_source', 'e6'],
      ['edge_unknown_target', 'e7'],
      ['edge_into_trigger', 'e8'],
    ]);
  });

  it('reports duplicate node ids and unknown node types', () => {
    const raw = graph(
      [node('t', 'trigger.manual'), node('t', 'trigger.manual'), node('x', 'action.teleport')],
      [edge('e', 't', 'x')],
    );
    expect(codes(raw)).toEqual([
      ['duplicate_node_id', 't'],
      ['unknown_node_type', 'x'],
    ]);
  });

  it('checks config against the node type, pointing at the key', () => {
    const issues = validateWorkflow(
      graph(
        [
          node('t', 'trigger.manual'),
          node('a', 'action.send_email', {
            subject: 'Hi',
            body: 'x',
            coupon: { percentOff: 30, amountOff: 5, expiresInDays: 3 },
          }),
        ],
        [edge('e', 't', 'a')],
      ),
    );
    expect(issues).toEqual([
      expect.objectContaining({ code: 'invalid_config', nodeId: 'a', path: ['coupon', 'percentOff'] }),
    ]);
  });

  it('checks every leaf: field known, allowed under the triggers, operator and value typed', () => {
    expect(codes(underTrigger('trigger.manual', leaf('customer.shoeSize', 'eq', 1)))).toEqual([
      ['unknown_field', 'c'],
    ]);
    expect(codes(underTrigger('trigger.customer_created', leaf('order.total', 'gt', 1)))).toEqual([
      ['field_not_available', 'c'],
    ]);
    expect(codes(underTrigger('trigger.order_created', leaf('order.total', 'gt', 1)))).toEqual([]);
    expect(codes(underTrigger('trigger.order_created', leaf('order.total', 'gt', '1')))).toEqual([
      ['invalid_value', 'c'],
    ]);
    expect(codes(underTrigger('trigger.manual', leaf('customer.lifetimeSpend', 'between', [9, 1])))).toEqual([
      ['invalid_value', 'c'],
    ]);
    expect(codes(underTrigger('trigger.manual', leaf('customer.lifetimeSpend', 'gt', 10.5)))).toEqual([
      ['invalid_value', 'c'],
    ]);
    expect(codes(underTrigger('trigger.manual', leaf('customer.createdAt', 'after', '2026-13-45')))).toEqual([
      ['invalid_value', 'c'],
    ]);
    expect(codes(underTrigger('trigger.manual', leaf('customer.createdAt', 'within_last', 30)))).toEqual([]);
    expect(codes(underTrigger('trigger.manual', leaf('customer.tags', 'contains_any', [])))).toEqual([
      ['invalid_value', 'c'],
    ]);
    expect(codes(underTrigger('trigger.manual', leaf('customer.acceptsMarketing', 'is_true', true)))).toEqual(
      [['invalid_value', 'c']],
    );
    expect(codes(underTrigger('trigger.manual', leaf('segment', 'in_segment', '')))).toEqual([
      ['invalid_value', 'c'],
    ]);
    const withinOnText = { condition: { field: 'customer.city', op: 'eq', value: 'Austin', withinDays: 3 } };
    expect(codes(underTrigger('trigger.manual', withinOnText))).toEqual([['invalid_value', 'c']]);
    const purchase = {
      condition: {
        field: 'purchase.sku',
        op: 'has_purchased',
        value: ['IPH-15'],
        withinDays: 30,
        minCount: 2,
      },
    };
    expect(codes(underTrigger('trigger.manual', purchase))).toEqual([]);
  });

  it('allows an event field only when every trigger carries it', () => {
    const raw = graph(
      [
        node('t1', 'trigger.order_created'),
        node('t2', 'trigger.order_status_changed'),
        node('c', 'condition.if', leaf('order.previousStatus', 'eq', 'paid')),
      ],
      [edge('e1', 't1', 'c'), edge('e2', 't2', 'c')],
    );
    expect(codes(raw)).toEqual([['field_not_available', 'c']]);
  });

  it('locates leaf issues by path inside the config', () => {
    const condition = {
      any: [
        { field: 'customer.orderCount', op: 'gt', value: 1 },
        { not: { field: 'customer.email', op: 'gt', value: 'x' } },
      ],
    };
    const [found] = validateWorkflow(underTrigger('trigger.manual', { condition }));
    expect(found).toMatchObject({
      code: 'invalid_operator',
      nodeId: 'c',
      path: ['condition', 'any', 1, 'not'],
    });
  });

  it('explains a malformed condition inside a node config at its place', () => {
    const raw = underTrigger('trigger.manual', {
      condition: { any: [{ field: 'customer.state', op: 'is', value: 'TX' }] },
    });
    expect(validateWorkflow(raw)).toEqual([
      {
        code: 'invalid_operator',
        message: 'If / else: Unknown operator "is"',
        nodeId: 'c',
        path: ['condition', 'any', 0, 'op'],
      },
    ]);
  });

  it('refuses absurdly deep conditions without overflowing the stack', () => {
    let condition: unknown = { field: 'customer.orderCount', op: 'gt', value: 1 };
    for (let i = 0; i < 10_000; i++) condition = { not: condition };
    expect(codes(underTrigger('trigger.manual', { condition }))).toEqual([['invalid_config', 'c']]);
    let shallow: unknown = { field: 'customer.orderCount', op: 'gt', value: 1 };
    for (let i = 0; i < 40; i++) shallow = { not: shallow };
    expect(codes(underTrigger('trigger.manual', { condition: shallow }))).toEqual([
      ['condition_too_deep', 'c'],
    ]);
  });

  it('requires distinct switch cases', () => {
    const gold = { field: 'customer.lifetimeSpend', op: 'gte', value: 200000 };
    const cases = [
      { id: 'gold', label: 'Gold', condition: gold },
      { id: 'gold', label: 'Gold again', condition: { all: [gold] } },
      {
        id: 'silver',
        label: 'Silver',
        condition: { value: 200000, op: 'gte', field: 'customer.lifetimeSpend' },
      },
    ];
    const raw = graph(
      [node('t', 'trigger.manual'), node('s', 'condition.switch', { cases })],
      [edge('e', 't', 's')],
    );
    expect(codes(raw)).toEqual([
      ['duplicate_case_id', 's'],
      ['duplicate_case_condition', 's'],
    ]);
  });

  it('accepts switch handles named after the cases plus default', () => {
    const cases = [
      { id: 'vip', label: 'VIP', condition: { field: 'customer.orderCount', op: 'gt', value: 9 } },
    ];
    const raw = graph(
      [
        node('t', 'trigger.manual'),
        node('s', 'condition.switch', { cases }),
        node('a', 'action.add_tags', { tags: ['x'] }),
        node('b', 'action.add_tags', { tags: ['y'] }),
      ],
      [edge('e1', 't', 's'), edge('e2', 's', 'a', 'vip'), edge('e3', 's', 'b', 'default')],
    );
    expect(validateWorkflow(raw)).toEqual([]);
  });

  it('migrates old graphs before validating and refuses unknown versions', () => {
    const legacy = {
      nodes: [{ id: 't', type: 'trigger.manual', position: { x: 0, y: 0 }, data: {} }],
      edges: [],
    };
    expect(validateWorkflow(legacy)).toEqual([]);
    expect(codes({ ...legacy, schemaVersion: 99 })).toEqual([['schema_version_unsupported', undefined]]);
  });

  it('never throws on garbage', () => {
    for (const raw of [
      null,
      1,
      'x',
      [],
      {},
      { schemaVersion: 1, nodes: 'x' },
      { schemaVersion: 1, nodes: [null], edges: [1] },
    ]) {
      expect(validateWorkflow(raw).length).toBeGreaterThan(0);
    }
  });
});
