import { type NodeType, nodeDefinition, nodeTypes, validateWorkflow } from '@segflow/schema';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compile } from './compile';
import { resume, run } from './run';
import type { RunResult } from './run-types';
import { fakePorts, makeCustomerFacts } from './testing';

const spend = { field: 'customer.lifetimeSpend', op: 'gt', value: 1000 };
const tagged = { field: 'customer.tags', op: 'contains_any', value: ['vip'] };
/** Valid configs per node type: the property is about graphs, not config forms. */
const configs: Record<NodeType, Record<string, unknown>[]> = {
  'trigger.order_created': [{}, { reentry: 'once' }],
  'trigger.order_status_changed': [{ to: 'paid' }],
  'trigger.customer_created': [{}],
  'trigger.customer_updated': [{}],
  'trigger.cart_abandoned': [{ reentry: { days: 3 } }],
  'trigger.segment_entered': [{ segmentId: 's1' }],
  'trigger.segment_exited': [{ segmentId: 's1' }],
  'trigger.schedule': [{ cron: '0 9 * * 1' }],
  'trigger.manual': [{}, { condition: spend }],
  'condition.if': [{ condition: spend }, { condition: { any: [tagged, { not: spend }] } }],
  'condition.switch': [
    {
      cases: [
        { id: 'hi', label: 'High', condition: spend },
        { id: 'vip', label: 'VIP', condition: tagged },
      ],
    },
  ],
  'condition.split': [{ percentA: 30 }],
  'action.assign_group': [{ group: 'VIP' }],
  'action.add_tags': [{ tags: ['a'] }],
  'action.remove_tags': [{ tags: ['a'] }],
  'action.set_attribute': [{ key: 'k', value: 1 }],
  'action.send_email': [{ subject: 's', body: 'b' }],
  'action.create_coupon': [{ percentOff: 5, expiresInDays: 1 }],
  'action.http_request': [{ url: 'https://example.com/hook' }],
  'action.wait': [{ minutes: 5 }, { until: { time: '09:00' } }],
  'action.notify_team': [{ subject: 's', body: 'b' }],
};

const nodeArb = fc
  .constantFrom(...nodeTypes)
  .chain((type) => fc.constantFrom(...configs[type]).map((config) => ({ type, config })));

/** Random graphs: a trigger first, each later node fed by an earlier one, plus a few random (often wrong) edges. */
const graphArb = fc
  .tuple(
    fc.constantFrom(...nodeTypes.filter((t) => t.startsWith('trigger.'))),
    fc.array(nodeArb, { maxLength: 10 }),
  )
  .chain(([trigger, rest]) => {
    const nodes = [{ type: trigger, config: configs[trigger][0]! }, ...rest].map((n, i) => ({
      id: `n${i}`,
      position: { x: 0, y: 0 },
      ...n,
    }));
    const handlesOf = (i: number) => nodeDefinition(nodes[i]!.type).handles(nodes[i]!.config as never);
    const edgeFrom = (source: number, target: number, h: number) => {
      const handles = handlesOf(source);
      const handle = h < handles.length ? handles[h]! : h === 5 ? 'bogus' : handles[0]!;
      return {
        source: `n${source}`,
        target: `n${target}`,
        ...(handle === 'next' && h % 2 === 0 ? {} : { sourceHandle: handle }),
      };
    };
    const feeders = nodes
      .slice(1)
      .map((n, k) =>
        n.type.startsWith('trigger.')
          ? fc.constant(null)
          : fc.tuple(fc.nat(k), fc.nat(3)).map(([source, h]) => edgeFrom(source, k + 1, h)),
      );
    const extra = fc
      .tuple(fc.nat(nodes.length - 1), fc.nat(nodes.length - 1), fc.nat(5))
      .map(([a, b, h]) => edgeFrom(a, b, h));
    return fc.tuple(fc.tuple(...feeders), fc.array(extra, { maxLength: 3 })).map(([base, more]) => ({
      schemaVersion: 1,
      nodes,
      edges: [...base.filter((e) => e !== null), ...more].map((e, i) => ({ id: `e${i}`, ...e })),
    }));
  });

async function runToEnd(
  plan: Extract<ReturnType<typeof compile>, { ok: true }>['plan'],
  triggerType: NodeType,
) {
  const ports = fakePorts({ now: '2026-01-05T10:00:00Z' });
  const customer = makeCustomerFacts({ id: '42', lifetimeSpend: 5000, tags: ['vip'] });
  let result: RunResult = await run(
    plan,
    { storeId: 's', runId: 'r', triggerType, event: null, customer, segmentId: 's1' },
    ports,
  );
  const steps = [...result.steps];
  for (let i = 0; result.status === 'waiting' && i < 20; i++) {
    ports.clock.set(result.wait!.dueAt);
    result = await resume(
      plan,
      { state: JSON.parse(JSON.stringify(result.wait!.resumeState)), customer },
      ports,
    );
    steps.push(...result.steps);
  }
  return { result, steps };
}

describe('compile and run (property)', () => {
  it('compiles exactly the graphs validation accepts, and runs them to the end visiting each node at most once', async () => {
    let valid = 0;
    let multiStep = 0;
    await fc.assert(
      fc.asyncProperty(graphArb, async (graph) => {
        const issues = validateWorkflow(graph);
        const compiled = compile(graph);
        expect(compiled.ok).toBe(issues.length === 0);
        if (!compiled.ok) return;
        valid++;
        const triggerType = graph.nodes[0]!.type;
        const { result, steps } = await runToEnd(compiled.plan, triggerType);
        if (steps.length > 2) multiStep++;
        expect(result.status).toBe('completed');
        const completed = steps.filter((s) => s.status !== 'waiting').map((s) => s.nodeId);
        expect(new Set(completed).size).toBe(completed.length);
      }),
      { numRuns: 400 },
    );
    // The property must exercise runs, not only refusals.
    expect(valid).toBeGreaterThan(60);
    expect(multiStep).toBeGreaterThan(20);
  }, 60_000);

  it('never throws on arbitrary JSON', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (raw) => {
        expect(compile(raw).ok).toBe(false);
      }),
      { numRuns: 300 },
    );
  });
});
