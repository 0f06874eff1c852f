import type { StoreEvent } from '@segflow/schema';
import { describe, expect, it } from 'vitest';
import { compile } from './compile';
import { run } from './run';
import { fakePorts, makeCustomerFacts } from './testing';

const vipGraph = {
  schemaVersion: 1,
  nodes: [
    { id: 't1', type: 'trigger.order_created', position: { x: 0, y: 0 }, config: {} },
    {
      id: 'c1',
      type: 'condition.if',
      position: { x: 0, y: 120 },
      config: { condition: { all: [{ field: 'customer.lifetimeSpend', op: 'gt', value: 500000 }] } },
    },
    { id: 'a1', type: 'action.assign_group', position: { x: 0, y: 240 }, config: { group: 'VIP member' } },
  ],
  edges: [
    { id: 'e1', source: 't1', target: 'c1' },
    { id: 'e2', source: 'c1', sourceHandle: 'true', target: 'a1' },
  ],
};

const event = {
  id: 'evt_1001',
  type: 'order.created',
  occurredAt: '2026-11-20T10:00:00Z',
  customer: { externalId: 'c-42', email: 'ana@example.com' },
  order: {
    externalId: 'o-9001',
    total: 129900,
    currency: 'USD',
    status: 'paid',
    createdAt: '2026-11-20T10:00:00Z',
    items: [],
  },
} satisfies StoreEvent;

function plan() {
  const compiled = compile(vipGraph);
  if (!compiled.ok) throw new Error(JSON.stringify(compiled.issues));
  return compiled.plan;
}

const input = (lifetimeSpend: number) => ({
  storeId: 'demo',
  runId: 'run-1',
  triggerType: 'trigger.order_created' as const,
  event,
  customer: makeCustomerFacts({ id: '42', lifetimeSpend, orderCount: 3 }),
});

describe('run: the VIP example', () => {
  it('assigns the VIP group when lifetime spend passes $5,000', async () => {
    const ports = fakePorts({ now: '2026-11-20T10:00:01Z' });
    const result = await run(plan(), input(600000), ports);
    expect(result.status).toBe('completed');
    expect(result.steps.map((s) => [s.nodeId, s.status, s.handle])).toEqual([
      ['t1', 'ok', 'next'],
      ['c1', 'ok', 'true'],
      ['a1', 'ok', 'next'],
    ]);
    expect(ports.calls).toEqual([
      { port: 'assignGroup', nodeId: 'a1', idempotencyKey: 'run-1:a1', request: { group: 'VIP member' } },
    ]);
  });

  it('stops on the false branch and calls no port below $5,000', async () => {
    const ports = fakePorts();
    const result = await run(plan(), input(500000), ports);
    expect(result.steps.map((s) => [s.nodeId, s.handle])).toEqual([
      ['t1', 'next'],
      ['c1', 'false'],
    ]);
    expect(ports.calls).toEqual([]);
  });

  it('fails the run when a port throws, recording the error on the step', async () => {
    const ports = fakePorts({
      outcomes: {
        assignGroup: () => {
          throw new Error('db down');
        },
      },
    });
    const result = await run(plan(), input(900000), ports);
    expect(result.status).toBe('failed');
    expect(result.steps.at(-1)).toMatchObject({ nodeId: 'a1', status: 'failed', error: 'db down' });
  });

  it('records a skipped action and continues', async () => {
    const ports = fakePorts({
      outcomes: { assignGroup: () => ({ status: 'skipped', reason: 'already in group' }) },
    });
    const result = await run(plan(), input(900000), ports);
    expect(result.status).toBe('completed');
    expect(result.steps.at(-1)).toMatchObject({ status: 'skipped', skipReason: 'already in group' });
  });

  it('reports what the plan needs and which triggers it has', () => {
    expect(plan().needs).toEqual({ purchases: false, segments: false });
    expect(plan().triggerTypes).toEqual(['trigger.order_created']);
  });

  it('refuses an invalid graph with issues instead of a plan', () => {
    const result = compile({ ...vipGraph, edges: [] });
    expect(result.ok).toBe(false);
  });
});
