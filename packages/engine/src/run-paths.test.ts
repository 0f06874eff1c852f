import type { StoreEvent } from '@segflow/schema';
import { describe, expect, it } from 'vitest';
import { compile, type Plan } from './compile';
import { resume, run } from './run';
import type { RunInput } from './run-types';
import { fakePorts, makeCustomerFacts } from './testing';

const node = (id: string, type: string, config: Record<string, unknown> = {}) => ({
  id,
  type,
  position: { x: 0, y: 0 },
  config,
});
const edge = (source: string, target: string, sourceHandle?: string) => ({
  id: `${source}-${target}`,
  source,
  target,
  sourceHandle,
});

function planOf(nodes: unknown[], edges: unknown[]): Plan {
  const compiled = compile({ schemaVersion: 1, nodes, edges });
  if (!compiled.ok) throw new Error(JSON.stringify(compiled.issues));
  return compiled.plan;
}

const statusChanged = (status: string, previousStatus: string) =>
  ({
    id: 'e',
    type: 'order.status_changed',
    occurredAt: '2026-01-01T00:00:00Z',
    customer: { externalId: 'c' },
    order: {
      externalId: 'o',
      total: 1,
      currency: 'USD',
      status,
      createdAt: '2026-01-01T00:00:00Z',
      items: [],
    },
    previousStatus,
  }) satisfies StoreEvent;

const input = (over: Partial<RunInput> = {}): RunInput => ({
  storeId: 's',
  runId: 'r',
  triggerType: 'trigger.manual',
  event: null,
  customer: makeCustomerFacts({ id: '42' }),
  ...over,
});
const path = (steps: { nodeId: string; status: string }[]) => steps.map((s) => `${s.nodeId}:${s.status}`);

describe('run: paths', () => {
  it('walks fan-out branches depth first in edge order and runs a joined node once', async () => {
    const plan = planOf(
      [
        node('t', 'trigger.manual'),
        node('a', 'action.add_tags', { tags: ['a'] }),
        node('b', 'action.add_tags', { tags: ['b'] }),
        node('j', 'action.notify_team', { subject: 's', body: 'b' }),
      ],
      [edge('t', 'a'), edge('t', 'b'), edge('a', 'j'), edge('b', 'j')],
    );
    const result = await run(plan, input(), fakePorts());
    expect(path(result.steps)).toEqual(['t:ok', 'a:ok', 'j:ok', 'b:ok']);
  });

  it('filters a status-change trigger by to / from, recording the skip', async () => {
    const plan = planOf(
      [
        node('t', 'trigger.order_status_changed', { to: 'fulfilled' }),
        node('a', 'action.add_tags', { tags: ['shipped'] }),
      ],
      [edge('t', 'a')],
    );
    const hit = await run(
      plan,
      input({ triggerType: 'trigger.order_status_changed', event: statusChanged('fulfilled', 'paid') }),
      fakePorts(),
    );
    expect(path(hit.steps)).toEqual(['t:ok', 'a:ok']);
    const miss = await run(
      plan,
      input({ triggerType: 'trigger.order_status_changed', event: statusChanged('refunded', 'paid') }),
      fakePorts(),
    );
    expect(miss.status).toBe('completed');
    expect(miss.steps).toMatchObject([
      { nodeId: 't', status: 'skipped', skipReason: 'status changed to "refunded", not "fulfilled"' },
    ]);
  });

  it('starts at the trigger of the segment the customer entered when several share a type', async () => {
    const plan = planOf(
      [
        node('t1', 'trigger.segment_entered', { segmentId: 'seg-a' }),
        node('t2', 'trigger.segment_entered', { segmentId: 'seg-b' }),
        node('a', 'action.add_tags', { tags: ['x'] }),
      ],
      [edge('t1', 'a'), edge('t2', 'a')],
    );
    const result = await run(
      plan,
      input({ triggerType: 'trigger.segment_entered', segmentId: 'seg-b' }),
      fakePorts(),
    );
    expect(path(result.steps)).toEqual(['t1:skipped', 't2:ok', 'a:ok']);
  });

  it('does nothing for a trigger type the plan does not have', async () => {
    const plan = planOf([node('t', 'trigger.manual')], []);
    expect(await run(plan, input({ triggerType: 'trigger.order_created' }), fakePorts())).toEqual({
      status: 'completed',
      steps: [],
    });
  });

  it('routes a split by the customer bucket, the same way every time', async () => {
    const plan = planOf(
      [
        node('t', 'trigger.manual'),
        node('s', 'condition.split', { percentA: 50 }),
        node('a', 'action.add_tags', { tags: ['A'] }),
        node('b', 'action.add_tags', { tags: ['B'] }),
      ],
      [edge('t', 's'), edge('s', 'a', 'a'), edge('s', 'b', 'b')],
    );
    const handles = new Set<string>();
    for (let i = 0; i < 20; i++) {
      const customer = makeCustomerFacts({ id: String(i) });
      const first = await run(plan, input({ customer }), fakePorts());
      const again = await run(plan, input({ customer, runId: 'other' }), fakePorts());
      expect(again.steps[1]!.handle).toBe(first.steps[1]!.handle);
      handles.add(first.steps[1]!.handle!);
    }
    expect([...handles].sort()).toEqual(['a', 'b']);
    const all = planOf(
      [node('t', 'trigger.manual'), node('s', 'condition.split', { percentA: 100 })],
      [edge('t', 's')],
    );
    expect((await run(all, input(), fakePorts())).steps[1]!.handle).toBe('a');
  });

  it('pauses the whole run at a wait and continues the other branches after it', async () => {
    const plan = planOf(
      [
        node('t', 'trigger.manual'),
        node('w', 'action.wait', { minutes: 5 }),
        node('x', 'action.add_tags', { tags: ['after-wait'] }),
        node('y', 'action.add_tags', { tags: ['other-branch'] }),
      ],
      [edge('t', 'w'), edge('t', 'y'), edge('w', 'x')],
    );
    const first = await run(plan, input(), fakePorts({ now: '2026-01-01T10:00:00Z' }));
    expect(first.status).toBe('waiting');
    expect(first.wait).toMatchObject({ nodeId: 'w', dueAt: new Date('2026-01-01T10:05:00Z') });
    expect(first.wait!.resumeState.pending).toEqual(['x', 'y']);
    const ports = fakePorts({ now: '2026-01-01T10:05:00Z' });
    const second = await resume(
      plan,
      { state: first.wait!.resumeState, customer: makeCustomerFacts({ id: '42' }) },
      ports,
    );
    expect(path(second.steps)).toEqual(['w:ok', 'x:ok', 'y:ok']);
    expect(second.steps[0]!.startedAt.toISOString()).toBe('2026-01-01T10:05:00.000Z');
  });

  it('timestamps every step from the clock', async () => {
    const plan = planOf(
      [node('t', 'trigger.manual'), node('a', 'action.add_tags', { tags: ['a'] })],
      [edge('t', 'a')],
    );
    const ports = fakePorts({ now: '2026-01-01T00:00:00Z' });
    const result = await run(plan, input(), ports);
    expect(result.steps.map((s) => s.finishedAt.toISOString())).toEqual([
      '2026-01-01T00:00:00.000Z',
      '2026-01-01T00:00:00.000Z',
    ]);
  });
});

describe('run: manual trigger', () => {
  it('re-checks its condition in JS and records a skip for a customer who no longer matches', async () => {
    const plan = planOf(
      [
        node('t', 'trigger.manual', { condition: { field: 'customer.orderCount', op: 'gte', value: 2 } }),
        node('a', 'action.add_tags', { tags: ['loyal'] }),
      ],
      [edge('t', 'a')],
    );
    const loyal = await run(plan, input({ customer: makeCustomerFacts({ orderCount: 3 }) }), fakePorts());
    expect(path(loyal.steps)).toEqual(['t:ok', 'a:ok']);
    const lapsed = await run(plan, input({ customer: makeCustomerFacts({ orderCount: 1 }) }), fakePorts());
    expect(lapsed.steps).toMatchObject([
      { nodeId: 't', status: 'skipped', skipReason: "the customer does not match the trigger's condition" },
    ]);
  });
});
